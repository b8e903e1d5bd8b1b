import { defineEmailSuite } from './email-suite';
import { postgresTestStore } from './helpers/test-stores';

defineEmailSuite('postgres', postgresTestStore);
