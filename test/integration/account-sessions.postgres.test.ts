import { defineAccountSessionsSuite } from './account-sessions-suite';
import { postgresTestStore } from './helpers/test-stores';

defineAccountSessionsSuite('postgres', postgresTestStore);
