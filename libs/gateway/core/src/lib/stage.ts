import type { RequestContext } from './request-context';
import type { Rejection } from './tyk-errors';

export type StageResult = Rejection | undefined;

/**
 * One step of an API's request chain (Tyk's middleware). A stage answers undefined to pass the
 * request on, or a rejection to answer the client itself. Stages that need no I/O answer
 * synchronously, so a chain of them costs no promise at all.
 */
export interface Stage {
  readonly name: string;
  run(ctx: RequestContext): StageResult | Promise<StageResult>;
}

/** Runs stages in order, staying synchronous until a stage returns a promise. */
export function runStages(
  stages: readonly Stage[],
  ctx: RequestContext,
  from = 0,
): StageResult | Promise<StageResult> {
  for (let index = from; index < stages.length; index++) {
    const result = stages[index].run(ctx);
    if (result instanceof Promise) {
      return result.then((settled) => settled ?? runStages(stages, ctx, index + 1));
    }
    if (result) return result;
  }
  return undefined;
}
