import { defineHubSuite } from './hub-suite';
import { sqliteTestStore } from './helpers/test-stores';

defineHubSuite('sqlite', sqliteTestStore);
