import type { Random } from './prng';

/** Each Chinese name part carries its pinyin, so demo emails look like the ones people really use. */
type NamePart = readonly [hanzi: string, pinyin: string];

const CHINESE_SURNAMES: readonly NamePart[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'],
  ['黄', 'huang'], ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'],
  ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['高', 'gao'],
  ['林', 'lin'], ['罗', 'luo'], ['郑', 'zheng'], ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'],
  ['唐', 'tang'], ['韩', 'han'], ['冯', 'feng'], ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'],
];

const CHINESE_GIVEN_NAMES: readonly NamePart[] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['秀英', 'xiuying'], ['敏', 'min'], ['静', 'jing'],
  ['丽', 'li'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'],
  ['艳', 'yan'], ['杰', 'jie'], ['娟', 'juan'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'],
  ['秀兰', 'xiulan'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['桂英', 'guiying'],
  ['建华', 'jianhua'], ['晓东', 'xiaodong'], ['海燕', 'haiyan'], ['志强', 'zhiqiang'], ['婷', 'ting'],
  ['浩然', 'haoran'], ['子涵', 'zihan'], ['欣怡', 'xinyi'], ['宇轩', 'yuxuan'], ['雪梅', 'xuemei'],
];

const CHINESE_CITIES = ['北京', '上海', '深圳', '杭州', '广州', '成都', '南京', '武汉', '苏州', '西安'] as const;
const CHINESE_BRANDS = ['华信', '恒通', '中科', '宏达', '鑫源', '博远', '天润', '瑞丰', '金桥', '启明', '东方', '新锐'] as const;
const CHINESE_TRADES = ['科技', '贸易', '物流', '电子', '医药', '食品', '建材', '信息技术', '文化传媒'] as const;

const ENGLISH_FIRST_NAMES = [
  'James', 'Mary', 'Oliver', 'Emma', 'Jack', 'Olivia', 'Harry', 'Amelia', 'George', 'Isla', 'Noah',
  'Ava', 'William', 'Sophia', 'Thomas', 'Grace', 'Daniel', 'Chloe', 'Michael', 'Emily', 'David',
  'Sarah', 'Robert', 'Jessica', 'Liam', 'Charlotte', 'Ethan', 'Hannah',
] as const;
const ENGLISH_LAST_NAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson',
  'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson',
  'Clarke', 'Miller', 'Davis', 'Garcia', 'Martinez', 'Anderson', 'Moore', "O'Brien", 'Patel',
] as const;
const ENGLISH_BRANDS = [
  'Northwind', 'Blue Harbor', 'Redwood', 'Summit', 'Brightline', 'Oakridge', 'Silverline', 'Kestrel',
  'Harbourside', 'Meridian', 'Fairfield', 'Granite Peak',
] as const;
const ENGLISH_TRADES = ['Traders', 'Logistics', 'Foods', 'Systems', 'Retail', 'Engineering', 'Health', 'Media'] as const;
const ENGLISH_SUFFIXES = ['Ltd', 'Inc.', 'LLC', 'plc'] as const;

export type PersonName = {
  /** As shown on screen: 张伟, or Emma Taylor. */
  display: string;
  /** ASCII parts for an email address: ['zhang', 'wei'] or ['emma', 'taylor']. */
  ascii: readonly [string, string];
};

export function chinesePerson(random: Random): PersonName {
  const [surname, surnamePinyin] = random.pick(CHINESE_SURNAMES);
  const [given, givenPinyin] = random.pick(CHINESE_GIVEN_NAMES);
  return { display: surname + given, ascii: [surnamePinyin, givenPinyin] };
}

export function englishPerson(random: Random): PersonName {
  const first = random.pick(ENGLISH_FIRST_NAMES);
  const last = random.pick(ENGLISH_LAST_NAMES);
  return { display: `${first} ${last}`, ascii: [first.toLowerCase(), last.toLowerCase().replace(/[^a-z]/g, '')] };
}

/** 华信科技有限公司, or with its city: 深圳华信科技有限公司. */
export function chineseCompany(random: Random): string {
  const city = random.chance(0.6) ? random.pick(CHINESE_CITIES) : '';
  return `${city}${random.pick(CHINESE_BRANDS)}${random.pick(CHINESE_TRADES)}有限公司`;
}

export function englishCompany(random: Random): string {
  return `${random.pick(ENGLISH_BRANDS)} ${random.pick(ENGLISH_TRADES)} ${random.pick(ENGLISH_SUFFIXES)}`;
}
