import { sqliteTestStore } from './helpers/test-stores';
import { defineFollowUpsSuite } from './follow-ups-suite';

defineFollowUpsSuite('sqlite', sqliteTestStore);
