import type { SceneEngineClient } from '../../client/SceneEngineClient';
import type { FaultyProxy } from '../helpers/faultyProxy';
import type { FaultsProfile } from './faultsProfile';
import type { IngestDriver } from './IngestDriver';
import type { SeededRandom } from './seededRandom';
import type { CliEngine } from './startCliEngine';
import type { TcpFaultProxy } from './startTcpFaultProxy';
import type { Corpus } from './writeCorpus';

/** Everything a fault step acts on; the engine is replaced when a step restarts it. */
export interface ScenarioContext {
  profile: FaultsProfile;
  random: SeededRandom;
  corpus: Corpus;
  engine: CliEngine;
  /** Stops the engine (SIGKILL when `crash`), waits `pauseMs`, and starts it again on the same data and port. */
  restartEngine(options: { crash: boolean; pauseMs?: number; maxBlobBytes?: number }): Promise<void>;
  driver: IngestDriver;
  /** The flaky network between the agent and the engine. */
  network: TcpFaultProxy;
  /** Behind the flaky network, in front of the engine: counts upload body bytes. */
  meter: FaultyProxy;
  /** A client straight to the engine (not through the faults), for the verifier. */
  client: SceneEngineClient;
  /** Files of the batches given so far that the journal does not yet show done. */
  pending(): number;
  kills: number;
  engineRestarts: number;
  log(line: string): void;
}
