import { ContextValues, MappedMessage, MappingRuntimeError, ProcessorSpec } from '@gatehouse/shared-streams';

export type PipelineOutcome =
  | { kind: 'message'; message: MappedMessage }
  /** A mapping assigned `deleted()`: the message is dropped on purpose. */
  | { kind: 'dropped' }
  /** A mapping could not run on it, or it failed its `json_schema`: why, naming the field. */
  | { kind: 'failed'; reason: string };

function parsed(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return undefined;
  }
}

/**
 * Runs a stream's processors in order over one message. Unlike Bento, a message a processor fails on
 * does not travel on flagged: the caller refuses it (a publish answers 400) or drops and counts it,
 * so a consumer never receives what the definition's schema says it must not.
 */
export function runPipeline(
  processors: readonly ProcessorSpec[],
  message: MappedMessage,
  context?: ContextValues,
): PipelineOutcome {
  let current = message;
  for (const processor of processors) {
    if (processor.type === 'json_schema') {
      const value = parsed(current.content);
      const problem =
        value === undefined ? 'the message is not JSON' : processor.config.check(value, 'message');
      if (problem) return { kind: 'failed', reason: `json_schema: ${problem}` };
      continue;
    }
    try {
      const result = processor.config.run(current, context);
      if (result.deleted) return { kind: 'dropped' };
      current = { content: result.content, meta: result.meta };
    } catch (error) {
      if (!(error instanceof MappingRuntimeError)) throw error;
      return { kind: 'failed', reason: `mapping: ${error.message}` };
    }
  }
  return { kind: 'message', message: current };
}
