import { defineMergeSuite } from './merge-suite';
import { postgresTestStore } from './helpers/test-stores';

defineMergeSuite('postgres', postgresTestStore);
