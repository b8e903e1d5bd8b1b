import { sqliteTestStore } from './helpers/test-stores';
import { defineSmsSuite } from './sms-suite';

defineSmsSuite('sqlite', sqliteTestStore);
