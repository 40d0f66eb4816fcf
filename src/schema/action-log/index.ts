/** The action-log domain: the `ActionLog` union and its member types, and `Order.actionLogs`. */
import './types.js';
import './queries.js';
