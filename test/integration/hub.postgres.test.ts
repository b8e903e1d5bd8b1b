import { defineHubSuite } from './hub-suite';
import { postgresTestStore } from './helpers/test-stores';

defineHubSuite('postgres', postgresTestStore);
