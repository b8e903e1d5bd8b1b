import { defineComplaintsSuite } from './complaints-suite';
import { postgresTestStore } from './helpers/test-stores';

defineComplaintsSuite('postgres', postgresTestStore);
