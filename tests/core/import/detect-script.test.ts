// Text direction and language guesses, from the letters: what a reader sees as the entry's
// direction and language facet.
import { describe, expect, it } from 'vitest';
import { detectDirection, guessLanguage } from '../../../electron/core/import/detect-script.ts';

const PERSIAN = 'این گزارش درباره‌ی وضعیت رودخانه در فصل تابستان است و کارشناسان می‌گویند سطح آب پایین آمده است.';
// The same Persian typed on an Arabic keyboard (ي and ك instead of ی and ک), as many older sites did.
const PERSIAN_ARABIC_KEYBOARD = 'اين گزارش درباره وضعيت رودخانه در فصل تابستان است و كارشناسان مي‌گويند سطح آب پايين آمده است.';
const ARABIC = 'هذا التقرير عن حالة النهر في فصل الصيف، ويقول الخبراء إن مستوى المياه قد انخفض كثيرا هذه السنة.';
// Arabic text that happens to mention a Persian name with گ and پ.
const ARABIC_WITH_NAME = 'التقى الوزير بالسيد پرویز گلستانی في العاصمة وناقشا مسألة المياه والزراعة في المنطقة الشرقية.';
const URDU = 'یہ رپورٹ دریا کی حالت کے بارے میں ہے اور ماہرین کہتے ہیں کہ پانی کی سطح کم ہو گئی ہے۔';
// Sorani Kurdish: the same Persian-looking letters plus ڕ ڵ ێ ۆ ە, and ھ for h.
const SORANI = 'ئەم ڕاپۆرتە دەربارەی دۆخی ڕووبارەکەیە لە وەرزی هاویندا و پسپۆڕان دەڵێن ئاستی ئاو دابەزیوە.';
const SORANI_HEH = 'ھەواڵەکانی شار ئەمڕۆ باسی پردە نوێیەکە دەکەن و خەڵک ھیوادارن زوو تەواو بێت.';
// Persian mentioning a Kurdish place name spelt the Kurdish way (one ێ): still Persian.
const PERSIAN_WITH_KURDISH_NAME = 'خبرنگار ما از شهر سلێمانی گزارش می‌دهد که بازار امروز شلوغ بود و مردم برای خرید آمده بودند.';
const HEBREW = 'זהו דוח על מצב הנהר בקיץ, והמומחים אומרים שמפלס המים ירד השנה באופן ניכר.';
const ENGLISH = 'This is a report on the state of the river in summer, and experts say the water level has fallen.';
const FRENCH = "Ceci est un rapport sur l'état de la rivière en été, et les experts disent que le niveau de l'eau a baissé.";
const GERMAN = 'Dies ist ein Bericht über den Zustand des Flusses im Sommer, und die Experten sagen, dass der Wasserstand gesunken ist.';
const SPANISH = 'Este es un informe sobre el estado del río en verano, y los expertos dicen que el nivel del agua ha bajado.';
const RUSSIAN = 'Это отчёт о состоянии реки летом, и эксперты говорят, что уровень воды упал.';

describe('guessLanguage', () => {
  it.each([
    ['Persian', PERSIAN, 'fa'],
    ['Persian typed on an Arabic keyboard', PERSIAN_ARABIC_KEYBOARD, 'fa'],
    ['Arabic', ARABIC, 'ar'],
    ['Arabic quoting a Persian name', ARABIC_WITH_NAME, 'ar'],
    ['Urdu', URDU, 'ur'],
    ['Sorani Kurdish', SORANI, 'ckb'],
    ['Sorani Kurdish writing h as ھ', SORANI_HEH, 'ckb'],
    ['Persian quoting a Kurdish name', PERSIAN_WITH_KURDISH_NAME, 'fa'],
    ['Hebrew', HEBREW, 'he'],
    ['English', ENGLISH, 'en'],
    ['French', FRENCH, 'fr'],
    ['German', GERMAN, 'de'],
    ['Spanish', SPANISH, 'es'],
    ['Russian', RUSSIAN, 'ru'],
    ['Chinese', '这是关于夏季河流状况的报告。', 'zh'],
    ['Japanese', 'これは夏の川の状態についての報告です。', 'ja'],
  ])('%s → %s', (_name, text, expected) => {
    expect(guessLanguage(text)).toBe(expected);
  });

  it('a Persian post with an English title is still Persian', () => {
    expect(guessLanguage(`River report\n${PERSIAN}`)).toBe('fa');
  });

  it('too little text gives no guess', () => {
    expect(guessLanguage('')).toBeNull();
    expect(guessLanguage('12 — 34')).toBeNull();
    expect(guessLanguage('ab')).toBeNull();
  });
});

describe('detectDirection', () => {
  it.each([
    ['Persian', PERSIAN, 'rtl'],
    ['Arabic', ARABIC, 'rtl'],
    ['Urdu', URDU, 'rtl'],
    ['Sorani Kurdish', SORANI, 'rtl'],
    ['Hebrew', HEBREW, 'rtl'],
    ['English', ENGLISH, 'ltr'],
    ['Russian', RUSSIAN, 'ltr'],
  ])('%s → %s', (_name, text, expected) => {
    expect(detectDirection(text)).toBe(expected);
  });

  it('mostly-English text quoting a Persian word stays left-to-right', () => {
    expect(detectDirection(`${ENGLISH} The word is «رودخانه».`)).toBe('ltr');
  });

  it('a byte-order mark or digits do not make text right-to-left', () => {
    expect(detectDirection('\uFEFF\uFEFF\uFEFF ab')).toBe('ltr');
    expect(detectDirection('۱۲۳۴۵ ٦٧٨ abc')).toBe('ltr');
  });
});
