/**
 * The performer of an action log and the `Actor` it maps to. The normaliser already stores the
 * one application id upstream sends under either spelling.
 */
import type { ActionLogRow } from '../../db/schema.js';

type PerformerColumns = Pick<ActionLogRow, 'performerId' | 'performerName' | 'performerType' | 'performerApplicationId'>;
import type { Actor } from '../history/event.js';

export interface Performer {
  id: string | null;
  name: string | null;
  type: string | null;
  applicationId: string | null;
}

export function performerOf(row: PerformerColumns): Performer | null {
  const performer = {
    id: row.performerId,
    name: row.performerName,
    type: row.performerType,
    applicationId: row.performerApplicationId,
  };
  return Object.values(performer).every((value) => value === null || value === '') ? null : performer;
}

const ACTOR_KIND_BY_PERFORMER_TYPE: Readonly<Record<string, Actor['kind']>> = {
  user: 'USER',
  customer: 'CUSTOMER',
  system: 'SYSTEM',
  application: 'APPLICATION',
};

/** The performer as an actor; an application without a performer id is named by its application id. */
export function actionLogActor(row: PerformerColumns): Actor | null {
  const performer = performerOf(row);
  if (!performer) return null;
  const type = performer.type?.trim().toLowerCase() || null;
  const kind: Actor['kind'] = type
    ? (ACTOR_KIND_BY_PERFORMER_TYPE[type] ?? 'UNKNOWN')
    : performer.applicationId && !performer.id
      ? 'APPLICATION'
      : 'UNKNOWN';
  const id = performer.id || (kind === 'APPLICATION' ? performer.applicationId : null) || null;
  return { kind, id, name: performer.name || null };
}
