// Starts durable requests (cascade, ensemble) as Temporal workflows and waits for their results.
//
// By default the gateway hosts a worker of its own on the requests task queue (started by the
// first durable request), sharing one native
// connection with the client, so a workflow can be started eagerly: the server hands its first
// task straight back to this process in the start response, and the provider calls run here as
// local activities. That removes several round trips through the server per request (see
// docs/durable-strategies.md for the measurements). If this process dies mid-request, the
// workflow task times out and any other worker (the worker process, another gateway) finishes it.
// With SWITCHYARD_GATEWAY_WORKER=off the gateway only starts workflows; workers run them.
//
// The Temporal SDK is imported when first needed, not at start-up: its client (gRPC + protobuf
// definitions) and worker (a Rust runtime) cost about 55 MB of RSS that a gateway serving only
// the fast path never uses.
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { DurableLogRecord, DurableRequestInput, DurableRequestResult } from '../../core/durable/request.ts';
import type { ActivityDeps } from '../../activities/index.ts';
import { connectionOptions, requestsTaskQueue, type TemporalConnectionSettings } from '../../runtime/temporal-connection.ts';
import { workflowsPath } from '../../worker/workflows-path.ts';
import type { TemporalLink } from '../temporal-link.ts';

export type DurableWorkflowType = 'cascadeWorkflow' | 'ensembleWorkflow';

export interface DurableRunOutcome {
  result: DurableRequestResult;
  /** The Temporal run (absent when the plan ran in-process). */
  workflowId?: string;
  runId?: string;
}

/** Where durable plans run: Temporal workflows (DurableRunner) or in-process (InProcessRunner). */
export interface DurableBackend {
  run(type: DurableWorkflowType, input: DurableRequestInput, signal: AbortSignal): Promise<DurableRunOutcome>;
}

export interface DurableRunnerOptions {
  settings: TemporalConnectionSettings;
  /** The gateway's plain client, used when no in-process worker runs (or until it is up). */
  link: TemporalLink;
  /** Host a worker in this process (eager start + local activities). */
  embeddedWorker: false | { activities: ActivityDeps };
  log: (line: string) => void;
}

export class DurableUnavailable extends Error {
  override name = 'DurableUnavailable';
}

export class DurableRunner implements DurableBackend {
  private embedded: Promise<{ client: Client; worker: Worker; running: Promise<void>; connection: NativeConnection }> | undefined;
  /** Set once the in-process worker polls: from then on workflows start eagerly here. */
  private embeddedClient: Client | undefined;
  /** Requests waiting for their workflow, by request id (= workflow id): see `run`. */
  private readonly waiting = new Map<string, (result: DurableRequestResult) => void>();

  constructor(private readonly options: DurableRunnerOptions) {}

  /** Starts the in-process worker in the background (bundling the workflows takes a moment);
   * called by the first durable request, or at start-up to have it ready. */
  start(): void {
    const { embeddedWorker, settings, log } = this.options;
    if (!embeddedWorker || this.embedded) return;
    this.embedded = (async () => {
      const [{ Client }, { DefaultLogger, NativeConnection, Runtime, Worker }, { createActivities }] = await Promise.all([
        import('@temporalio/client'),
        import('@temporalio/worker'),
        import('../../activities/index.ts'),
      ]);
      installQuietRuntime(() => Runtime.install({ logger: new DefaultLogger('WARN') }));
      const connection = await NativeConnection.connect(connectionOptions(settings));
      const worker = await Worker.create({
        connection,
        namespace: settings.namespace,
        taskQueue: requestsTaskQueue(settings),
        identity: `switchyard-gateway@${process.pid}`,
        workflowsPath,
        activities: createActivities({ ...embeddedWorker.activities, onRecorded: (record) => this.answer(record) }),
      });
      const running = worker.run();
      running.catch((error: unknown) => log(`in-process Temporal worker stopped: ${error instanceof Error ? error.message : String(error)}`));
      log(`in-process Temporal worker polling "${requestsTaskQueue(settings)}" (durable requests start eagerly here)`);
      const client = new Client({ connection, namespace: settings.namespace });
      this.embeddedClient = client;
      return { client, worker, running, connection };
    })();
    this.embedded.catch((error: unknown) => {
      log(`in-process Temporal worker failed to start (durable requests go to other workers): ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Runs the workflow to its end. Aborting `signal` (the client left) cancels it. */
  async run(type: DurableWorkflowType, input: DurableRequestInput, signal: AbortSignal): Promise<DurableRunOutcome> {
    const { client, eager } = await this.client();
    // Registered before the start: an eagerly started workflow runs as soon as its task arrives.
    const recorded = new Promise<DurableRequestResult>((resolve) => this.waiting.set(input.requestId, resolve));
    let handle;
    try {
      handle = await client.workflow.start(type, {
        taskQueue: requestsTaskQueue(this.options.settings),
        workflowId: input.requestId,
        args: [input],
        requestEagerStart: eager,
        staticSummary: `${input.plan.strategy} for ${input.log.requestedModel}`,
      });
    } catch (error) {
      this.waiting.delete(input.requestId);
      throw new DurableUnavailable(`could not start the ${input.plan.strategy} workflow: ${error instanceof Error ? error.message : String(error)}`);
    }
    const cancel = () => void handle.cancel().catch(() => undefined);
    signal.addEventListener('abort', cancel, { once: true });
    // A workflow that runs in this process's worker hands its result over as soon as its log row
    // is written (its last step): its completion still has to reach the server, be persisted and
    // come back through the result long-poll (4–10 ms of a request's p50 in bench:durable). The
    // long-poll stays as the path for a workflow that runs elsewhere (eager start refused, a task
    // retried on another worker) and for failures.
    const completed = handle.result() as Promise<DurableRequestResult>;
    try {
      const result = await Promise.race([recorded, completed]);
      return { result, workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
    } catch (error) {
      const { WorkflowFailedError } = await import('@temporalio/client');
      if (error instanceof WorkflowFailedError) throw new Error(`the ${input.plan.strategy} workflow failed: ${error.cause?.message ?? error.message}`);
      throw error;
    } finally {
      this.waiting.delete(input.requestId);
      // Answered from the recording: the long-poll still ends with the workflow (ignored).
      completed.catch(() => undefined);
      signal.removeEventListener('abort', cancel);
    }
  }

  /** A cancelled request's caller has gone; it learns of the cancellation from the workflow. */
  private answer(record: DurableLogRecord): void {
    if (!record.cancelled) this.waiting.get(record.requestId)?.(record.result);
  }

  private async client(): Promise<{ client: Client; eager: boolean }> {
    // The in-process worker starts with the first durable request, so a gateway that only
    // serves the fast path never pays its memory (a Rust runtime, a V8 context for workflows).
    // Until it is up, requests go to the other workers through the plain client.
    if (this.embeddedClient) return { client: this.embeddedClient, eager: true };
    if (!this.embedded && this.options.embeddedWorker) this.start();
    try {
      return { client: await this.options.link.client(), eager: false };
    } catch (error) {
      throw new DurableUnavailable(`Temporal is unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async close(): Promise<void> {
    const embedded = this.embedded;
    this.embedded = undefined;
    this.embeddedClient = undefined;
    if (!embedded) return;
    const started = await embedded.catch(() => undefined);
    if (!started) return;
    if (started.worker.getState() === 'RUNNING') started.worker.shutdown();
    await started.running.catch(() => undefined);
    await started.connection.close();
  }
}

let runtimeInstalled = false;

/** The SDK logs every bundler step at INFO; WARN keeps the gateway's output readable. */
function installQuietRuntime(install: () => void): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    install();
  } catch {
    // already installed (by whoever created a native connection first)
  }
}
