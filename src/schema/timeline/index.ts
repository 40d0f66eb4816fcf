import './queries.js';
