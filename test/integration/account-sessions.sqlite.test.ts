import { defineAccountSessionsSuite } from './account-sessions-suite';
import { sqliteTestStore } from './helpers/test-stores';

defineAccountSessionsSuite('sqlite', sqliteTestStore);
