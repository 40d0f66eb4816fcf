/**
 * The schema: imports every domain module (each registers its types on the builder) and builds
 * the federation subgraph schema. No side effects beyond building.
 */
import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './viewer.js';
import './order/queries.js';
import './action-log/index.js';
import './status-history/index.js';
import './history-change/index.js';
import './trace/index.js';
import './timeline/index.js';
import './events/index.js';

export const schema: GraphQLSchema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  federationDirectives: ['@key', '@shareable'],
  sortSchema: true,
});
