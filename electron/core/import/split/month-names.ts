// Month names as scraped pages write them, in the languages our researchers meet most.
// Arabic-script names are Gregorian months (Persian, Egyptian/Gulf, Levantine and Maghrebi usage).

const MONTHS: readonly (readonly string[])[] = [
  // 1
  ['january', 'jan', 'janvier', 'janv', 'januar', 'jänner', 'jän', 'enero', 'ene', 'gennaio', 'gen', 'janeiro', 'januari', 'январь', 'января', 'янв',
    'ژانویه', 'ژانویهٔ', 'يناير', 'ینایر', 'كانون الثاني', 'کانون الثانی', 'جانفي', 'جانفی', 'جنوری'],
  // 2
  ['february', 'feb', 'février', 'fevrier', 'févr', 'fevr', 'fév', 'februar', 'febrero', 'febbraio', 'fevereiro', 'fev', 'februari', 'февраль', 'февраля', 'фев',
    'فوریه', 'فبراير', 'فبرایر', 'شباط', 'فيفري', 'فیفری', 'فروری'],
  // 3
  ['march', 'mar', 'mars', 'märz', 'maerz', 'mär', 'marzo', 'março', 'marco', 'maart', 'mrt', 'март', 'марта',
    'مارس', 'آذار', 'اذار', 'مارچ'],
  // 4
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile', 'апрель', 'апреля', 'апр',
    'آوریل', 'أبريل', 'ابريل', 'إبريل', 'ابریل', 'نيسان', 'نیسان', 'أفريل', 'افريل', 'اپریل'],
  // 5
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei', 'май', 'мая',
    'مه', 'می', 'مئی', 'مايو', 'مایو', 'أيار', 'ايار', 'ماي'],
  // 6
  ['june', 'jun', 'juin', 'juni', 'junio', 'giugno', 'giu', 'junho', 'июнь', 'июня', 'июн',
    'ژوئن', 'يونيو', 'یونیو', 'يونيه', 'حزيران', 'حزیران', 'جوان', 'جون'],
  // 7
  ['july', 'jul', 'juillet', 'juil', 'juli', 'julio', 'luglio', 'lug', 'julho', 'июль', 'июля', 'июл',
    'ژوئیه', 'جولای', 'يوليو', 'یولیو', 'يوليه', 'تموز', 'جويلية', 'جولائی'],
  // 8
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus', 'август', 'августа', 'авг',
    'اوت', 'آگوست', 'اگوست', 'أغسطس', 'اغسطس', 'آب', 'أوت', 'اگست'],
  // 9
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'settembre', 'set', 'setembro', 'сентябрь', 'сентября', 'сен', 'сент',
    'سپتامبر', 'سبتمبر', 'أيلول', 'ايلول', 'ستمبر'],
  // 10
  ['october', 'oct', 'octobre', 'oktober', 'okt', 'octubre', 'ottobre', 'ott', 'outubro', 'out', 'октябрь', 'октября', 'окт',
    'اکتبر', 'أكتوبر', 'اكتوبر', 'تشرين الأول', 'تشرين الاول', 'أكتوبر', 'اکتوبر'],
  // 11
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'ноябрь', 'ноября', 'ноя',
    'نوامبر', 'نوفمبر', 'تشرين الثاني', 'نومبر'],
  // 12
  ['december', 'dec', 'décembre', 'decembre', 'déc', 'dezember', 'dez', 'diciembre', 'dic', 'dicembre', 'dezembro', 'декабрь', 'декабря', 'дек',
    'دسامبر', 'ديسمبر', 'دیسمبر', 'كانون الأول', 'كانون الاول', 'دسمبر'],
];

/** Arabic/Persian letter variants folded so either keyboard's spelling finds the month. */
export function foldArabicLetters(s: string): string {
  return s.replace(/[يى]/gu, 'ی').replace(/ك/gu, 'ک').replace(/[أإ]/gu, 'ا').replace(/\u200C/gu, ' ');
}

const BY_NAME = new Map<string, number>();
MONTHS.forEach((names, i) => {
  for (const name of names) BY_NAME.set(foldArabicLetters(name), i + 1);
});

/** 1–12 for a month name or abbreviation (case-insensitive, trailing dot allowed), else null. */
export function monthNumber(word: string): number | null {
  const key = foldArabicLetters(word.toLowerCase().replace(/\.$/u, '').replace(/\s+/gu, ' ').trim());
  return BY_NAME.get(key) ?? null;
}
