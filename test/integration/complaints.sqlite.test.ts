import { defineComplaintsSuite } from './complaints-suite';
import { sqliteTestStore } from './helpers/test-stores';

defineComplaintsSuite('sqlite', sqliteTestStore);
