import { defineEmailSuite } from './email-suite';
import { sqliteTestStore } from './helpers/test-stores';

defineEmailSuite('sqlite', sqliteTestStore);
