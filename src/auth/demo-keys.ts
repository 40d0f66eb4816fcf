/**
 * The demo keys: fixed strings (printed in the README) that exist only where demo data was loaded.
 */
import type { KeyRole } from '../db/schema.js';

export const DEMO_KEYS: readonly { merchantId: string; role: KeyRole; key: string }[] = [
  { merchantId: 'demo-a', role: 'viewer', key: 'demo-a-viewer-key' },
  { merchantId: 'demo-a', role: 'editor', key: 'demo-a-editor-key' },
  { merchantId: 'demo-b', role: 'viewer', key: 'demo-b-viewer-key' },
];
