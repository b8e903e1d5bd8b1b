import { sqliteTestStore } from './helpers/test-stores';
import { defineRoutingSuite } from './routing-suite';

defineRoutingSuite('sqlite', sqliteTestStore);
