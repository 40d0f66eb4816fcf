/**
 * The live feed reads each written record once for all its subscribers, whatever they select:
 * every field of every history kind.
 */
import { HISTORY_SOURCES, historyKind } from '../schema/history/event.js';

let all: ReadonlySet<string> | undefined;

export function allHistoryFields(): ReadonlySet<string> {
  all ??= new Set(HISTORY_SOURCES.flatMap((source) => Object.keys(historyKind(source).shape.fields)));
  return all;
}
