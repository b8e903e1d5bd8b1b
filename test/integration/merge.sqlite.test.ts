import { defineMergeSuite } from './merge-suite';
import { sqliteTestStore } from './helpers/test-stores';

defineMergeSuite('sqlite', sqliteTestStore);
