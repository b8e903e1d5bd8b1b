import { postgresTestStore } from './helpers/test-stores';
import { defineRoutingSuite } from './routing-suite';

defineRoutingSuite('postgres', postgresTestStore);
