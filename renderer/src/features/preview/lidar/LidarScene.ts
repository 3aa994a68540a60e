import { BufferAttribute, BufferGeometry, Color, PerspectiveCamera, Points, PointsMaterial, Scene, Vector3, WebGLRenderer } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { Bounds3 } from '../../../../../shared/formats/pointcloud/computeBounds';

/**
 * A three.js points view of one cloud with orbit controls. It renders on demand (when the camera
 * moves or the colours change), not in a loop, so an idle preview costs nothing while uploads run.
 * Lidar frames are z-up, so the camera is too.
 */
export class LidarScene {
  readonly #renderer: WebGLRenderer;
  readonly #scene = new Scene();
  readonly #camera = new PerspectiveCamera(60, 1, 0.01, 1000);
  readonly #controls: OrbitControls;
  readonly #geometry = new BufferGeometry();
  readonly #material = new PointsMaterial({ size: 2, sizeAttenuation: false, vertexColors: true });
  #frames = 0;

  public constructor(canvas: HTMLCanvasElement, background: string) {
    // preserveDrawingBuffer keeps the last frame readable (screenshots, the tests' pixel check).
    this.#renderer = new WebGLRenderer({ canvas, antialias: false, preserveDrawingBuffer: true, powerPreference: 'high-performance' });
    this.#renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
    this.#scene.background = new Color(background);
    this.#camera.up.set(0, 0, 1);
    this.#controls = new OrbitControls(this.#camera, canvas);
    this.#controls.addEventListener('change', () => this.render());
    this.#scene.add(new Points(this.#geometry, this.#material));
  }

  public setCloud(positions: Float32Array, colors: Uint8Array, bounds: Bounds3 | undefined): void {
    this.#geometry.setAttribute('position', new BufferAttribute(positions, 3));
    this.#geometry.setAttribute('color', new BufferAttribute(colors, 3, true));
    this.#geometry.computeBoundingSphere();
    this.#fit(bounds);
  }

  public setColors(colors: Uint8Array): void {
    this.#geometry.setAttribute('color', new BufferAttribute(colors, 3, true));
    this.render();
  }

  public resize(width: number, height: number): void {
    if (width === 0 || height === 0) return;
    this.#renderer.setSize(width, height, false);
    this.#camera.aspect = width / height;
    this.#camera.updateProjectionMatrix();
    this.render();
  }

  /** Draws one frame; returns how many frames were drawn so far. */
  public render(): number {
    this.#renderer.render(this.#scene, this.#camera);
    return ++this.#frames;
  }

  /**
   * Blocks until the GPU has finished the last frame. WebGL calls only queue work; reading one
   * pixel back is the portable way to know that a frame was really drawn (used once, for timing).
   */
  public finishFrame(): void {
    const gl = this.#renderer.getContext();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
  }

  public dispose(): void {
    this.#controls.dispose();
    this.#geometry.dispose();
    this.#material.dispose();
    this.#renderer.dispose();
  }

  #fit(bounds: Bounds3 | undefined): void {
    const min = bounds ? new Vector3(bounds.min.x, bounds.min.y, bounds.min.z) : new Vector3(-1, -1, -1);
    const max = bounds ? new Vector3(bounds.max.x, bounds.max.y, bounds.max.z) : new Vector3(1, 1, 1);
    const centre = min.clone().add(max).multiplyScalar(0.5);
    const radius = Math.max(1e-3, max.distanceTo(min) / 2);
    this.#camera.near = radius / 1000;
    this.#camera.far = radius * 20;
    this.#camera.position.copy(centre).add(new Vector3(-1.2 * radius, -1.2 * radius, 0.9 * radius));
    this.#camera.updateProjectionMatrix();
    this.#controls.target.copy(centre);
    this.#controls.update();
    this.render();
  }
}
