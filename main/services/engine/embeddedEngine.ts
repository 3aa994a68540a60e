// The one door from the app side into the engine: the desktop app, the agent and the CLI start
// the same server the team deployment runs, in-process.
export { startEngine, type EngineOptions, type RunningEngine } from '../../../engine/host/startEngine';
