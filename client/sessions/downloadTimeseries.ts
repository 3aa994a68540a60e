import type { SceneBoxHttp } from '../http/SceneBoxHttp';
import type { SearchQueryInput } from '../search/SearchOptions';
import { sessionsApi } from './sessionsApi';

export type TimeseriesSlice = { start_time: string; end_time: string } & Record<string, unknown>;

/**
 * `download_timeseries`: the intervals where the search holds in each resolved session, then per
 * interval the fields' values over it (`field_data` with a `time_range`), without `time_index`.
 */
export async function downloadTimeseries(se: SceneBoxHttp, search: SearchQueryInput = {}, fields: readonly string[] = ['*']): Promise<Record<string, TimeseriesSlice[]>> {
  const out: Record<string, TimeseriesSlice[]> = {};
  for (const [uid, { intervals }] of Object.entries(await sessionsApi.search(se, search))) {
    out[uid] = [];
    for (const [start, end] of intervals) {
      const data = await sessionsApi.fieldData(se, uid, [...fields, 'timestamp'], { ...search, time_range: { start_time: start, end_time: end } });
      const { time_index: _dropped, ...values } = data;
      out[uid].push({ ...values, start_time: start, end_time: end });
    }
  }
  return out;
}
