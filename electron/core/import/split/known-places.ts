// Places that appear in the "Outlet, Place, Date:" dateline of an attribution. A second part that
// is one of these makes the first part the outlet (rather than "Author, Outlet, Date:").
const PLACES = `
washington|washington dc|washington d.c.|new york|london|paris|berlin|brussels|geneva|vienna|rome|madrid|lisbon|amsterdam|the hague|
stockholm|oslo|copenhagen|helsinki|dublin|zurich|bern|warsaw|prague|budapest|bucharest|sofia|athens|ankara|istanbul|moscow|kyiv|kiev|
minsk|tirana|belgrade|zagreb|sarajevo|baghdad|erbil|basra|tehran|teheran|mashhad|isfahan|tabriz|shiraz|kabul|herat|islamabad|karachi|lahore|
delhi|new delhi|mumbai|dhaka|kathmandu|colombo|beijing|shanghai|hong kong|taipei|tokyo|seoul|manila|jakarta|kuala lumpur|singapore|bangkok|
hanoi|sydney|melbourne|canberra|wellington|ottawa|toronto|montreal|vancouver|los angeles|san francisco|chicago|boston|miami|houston|
mexico city|havana|caracas|bogota|bogotá|lima|santiago|buenos aires|brasilia|brasília|sao paulo|são paulo|rio de janeiro|cairo|alexandria|
tunis|algiers|rabat|casablanca|tripoli|khartoum|addis ababa|nairobi|lagos|abuja|accra|johannesburg|cape town|pretoria|riyadh|jeddah|mecca|
doha|dubai|abu dhabi|manama|muscat|kuwait|kuwait city|sanaa|aden|amman|beirut|damascus|aleppo|jerusalem|tel aviv|gaza|ramallah|nicosia|
baku|yerevan|tbilisi|tashkent|astana|almaty|bishkek|dushanbe|ashgabat|ulaanbaatar|
united states|usa|us|u.s.|uk|u.k.|united kingdom|britain|england|scotland|wales|ireland|france|germany|italy|spain|portugal|netherlands|
belgium|switzerland|austria|sweden|norway|denmark|finland|poland|greece|turkey|russia|ukraine|albania|iraq|iran|afghanistan|pakistan|
india|china|japan|korea|canada|mexico|brazil|argentina|egypt|israel|palestine|lebanon|syria|jordan|saudi arabia|qatar|bahrain|oman|yemen|
uae|united arab emirates|kuwait|libya|tunisia|algeria|morocco|sudan|ethiopia|kenya|nigeria|south africa|australia|new zealand|
پاریس|لندن|تهران|بغداد|واشنگتن|برلین|باريس|طهران|واشنطن|القاهرة|بيروت|دمشق|عمان|الرياض
`
  .split('|')
  .map((p) => p.trim())
  .filter(Boolean);

const SET = new Set(PLACES);

export function isKnownPlace(text: string): boolean {
  return SET.has(text.trim().toLowerCase().replace(/\s+/gu, ' '));
}
