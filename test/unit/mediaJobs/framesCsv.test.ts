import { describe, expect, it } from 'vitest';
import { drawBoxFilters, labelColors } from '../../../engine/mediaJobs/drawBoxFilters';
import { parseFramesCsv, timestampNs } from '../../../engine/mediaJobs/framesCsv';

describe('the frames CSV', () => {
  it('reads frames and boxes, in any column order, quoted fields included', () => {
    const csv = parseFramesCsv([
      'x_min,y_min,x_max,y_max,label,timestamp,image_uri',
      ',,,,,1664999890113942016,s3://b/org/f/1664999890113942016.jpeg',
      '1,2,3,4,"car, red",1664999890113942016,s3://b/org/f/1664999890113942016.jpeg',
      '5.5,6,7.5,8,person,2022-10-05T19:58:10.213942Z,',
    ].join('\n'));
    expect(csv.problems).toEqual([]);
    expect([...csv.frames]).toEqual([['1664999890113942016', 's3://b/org/f/1664999890113942016.jpeg']]);
    expect(csv.boxes).toEqual([
      { ns: 1664999890113942016n, label: 'car, red', xMin: 1, yMin: 2, xMax: 3, yMax: 4 },
      { ns: 1664999890213942000n, label: 'person', xMin: 5.5, yMin: 6, xMax: 7.5, yMax: 8 },
    ]);
  });

  it('notes rows it cannot use by line, and keeps the rest', () => {
    const csv = parseFramesCsv([
      'timestamp,image_uri,label,x_min,y_min,x_max,y_max',
      '10,s3://b/o/10.png,car,1,1,5',
      '11,s3://b/o/11.png,car,a,1,5,5',
      '12,s3://b/o/12.png,car,9,1,5,5',
      'noon,s3://b/o/13.png,,,,,',
      '10,s3://b/o/other.png,,,,,',
      '14,s3://b/o/14.png,car,0,0,5,5',
    ].join('\r\n'));
    expect(csv.problems).toEqual([
      'line 2: box y_max is empty',
      'line 3: box x_min is not a number',
      'line 4: box needs x_min < x_max and y_min < y_max',
      'line 5: timestamp "noon" is neither unix nanoseconds nor an ISO-8601 time',
      'line 6: timestamp 10 already has frame s3://b/o/10.png; s3://b/o/other.png left out',
    ]);
    expect([...csv.frames.keys()]).toEqual(['10', '11', '12', '14']);
    expect(csv.boxes.map((b) => b.ns)).toEqual([14n]);
  });

  it('needs a timestamp column', () => {
    expect(() => parseFramesCsv('time,image_uri\n1,s3://b/k')).toThrow("the CSV's header row has no timestamp column (it has time, image_uri)");
  });

  it('keeps nanoseconds exact past 2^53', () => {
    expect(timestampNs('1700000000123456789')).toBe(1700000000123456789n);
  });

  it('draws each box on its frame only, one colour per label', () => {
    const boxes = [
      { ns: 1n, label: 'person', xMin: 10.4, yMin: 20.6, xMax: 30, yMax: 40 },
      { ns: 1n, label: 'car', xMin: 0, yMin: 0, xMax: 5, yMax: 5 },
    ];
    expect([...labelColors(boxes)]).toEqual([['car', 'red'], ['person', 'lime']]);
    expect(drawBoxFilters(new Map([[3, boxes]]), { width: 1920, height: 1080 })).toEqual([
      "drawbox=x=10:y=21:w=20:h=19:color=lime:t=5:enable='eq(n,3)'",
      "drawbox=x=0:y=0:w=5:h=5:color=red:t=5:enable='eq(n,3)'",
    ]);
  });
});
