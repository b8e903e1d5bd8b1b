import { postgresTestStore } from './helpers/test-stores';
import { defineFollowUpsSuite } from './follow-ups-suite';

defineFollowUpsSuite('postgres', postgresTestStore);
