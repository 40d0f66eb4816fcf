import './query.js';
import './subscription.js';
