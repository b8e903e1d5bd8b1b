import { postgresTestStore } from './helpers/test-stores';
import { defineSmsSuite } from './sms-suite';

defineSmsSuite('postgres', postgresTestStore);
