/**
 * Base words for "human-chosen" passwords (a word plus a suffix, password-model.ts), most
 * popular first. People build passwords from names, pets, places, teams, and everyday nouns
 * (Veras, Collins, Thorpe, "On Semantic Patterns of Passwords and their Security Impact",
 * NDSS 2014); this is a generated, generic list of such words, not taken from any leak.
 * Popularity follows rank with a Zipf law (Wang, Cheng, Wang, Bonneau, "Zipf's Law in
 * Passwords", IEEE TIFS 2017), so only the order matters, and only roughly.
 */
export const PASSWORD_WORDS: readonly string[] = [
  'love', 'angel', 'family', 'summer', 'jesus', 'lucky', 'happy', 'tiger', 'blue', 'sunny',
  'buddy', 'maggie', 'max', 'bella', 'charlie', 'lucy', 'rocky', 'daisy', 'molly', 'sophie',
  'chicago', 'boston', 'texas', 'london', 'paris', 'denver', 'miami', 'dallas', 'seattle', 'phoenix',
  'eagles', 'lakers', 'yankees', 'cowboys', 'packers', 'steelers', 'giants', 'bears', 'raiders', 'redsox',
  'john', 'david', 'james', 'mike', 'chris', 'sarah', 'emma', 'anna', 'laura', 'kevin',
  'music', 'guitar', 'soccer', 'hockey', 'tennis', 'golf', 'fishing', 'dance', 'movie', 'pizza',
  'coffee', 'cookie', 'candy', 'honey', 'sugar', 'pepper', 'apple', 'banana', 'cherry', 'lemon',
  'dragon', 'wolf', 'eagle', 'falcon', 'panther', 'lion', 'bear', 'shark', 'horse', 'kitty',
  'doggy', 'puppy', 'bunny', 'turtle', 'monkey', 'spider', 'snake', 'rabbit', 'fox', 'duck',
  'red', 'green', 'black', 'silver', 'golden', 'purple', 'orange', 'yellow', 'pink', 'white',
  'star', 'moon', 'sun', 'ocean', 'river', 'forest', 'winter', 'spring', 'autumn', 'snow',
  'home', 'garden', 'house', 'beach', 'island', 'mountain', 'valley', 'lake', 'sky', 'rain',
  'hello', 'secret', 'magic', 'dream', 'peace', 'hope', 'faith', 'freedom', 'power', 'money',
  'king', 'queen', 'prince', 'princess', 'hero', 'ninja', 'pirate', 'wizard', 'knight', 'ranger',
  'mustang', 'harley', 'ford', 'honda', 'toyota', 'porsche', 'ferrari', 'camaro', 'jeep', 'bmw',
];
