/**
 * The most common passwords, most common first: a short, public top-100 list, embedded so
 * runs need no download and contain no real breach data (DESIGN.md, "Safe").
 *
 * Entries 1–25 are SplashData's "Worst Passwords of 2018" in its published order (drawn
 * from more than 5 million leaked passwords; SplashData estimated that almost 10 % of people
 * had used one of these 25 and nearly 3 % had used "123456"). Entries 26–100 are further
 * well-known entries of the same annual lists and of the NCSC's 2019 list of the 100,000
 * most common passwords in Have I Been Pwned; their order is approximate (popularity is
 * modelled by rank with a Zipf law, see password-model.ts, so small reorderings matter
 * little). Ring accepted passwords such as "12345678" in 2019 (FTC v. Ring, 2023).
 */
export const COMMON_PASSWORDS: readonly string[] = [
  // SplashData 2018, ranks 1–25
  '123456', 'password', '123456789', '12345678', '12345',
  '111111', '1234567', 'sunshine', 'qwerty', 'iloveyou',
  'princess', 'admin', 'welcome', '666666', 'abc123',
  'football', '123123', 'monkey', '654321', '!@#$%^&*',
  'charlie', 'aa123456', 'donald', 'password1', 'qwerty123',
  // ranks 26–100 (approximate order)
  'letmein', 'dragon', 'baseball', 'master', 'shadow',
  '1234567890', 'michael', 'superman', 'batman', 'trustno1',
  'hello', 'freedom', 'whatever', 'starwars', 'ashley',
  'bailey', 'passw0rd', 'mustang', 'access', 'jordan',
  'hunter', 'soccer', 'harley', 'ranger', 'buster',
  'thomas', 'tigger', 'robert', 'daniel', 'hockey',
  'killer', 'george', 'computer', 'michelle', 'jessica',
  'pepper', 'ginger', 'joshua', 'cheese', 'amanda',
  'summer', 'love', 'nicole', 'chelsea', 'matthew',
  'yankees', 'dallas', 'austin', 'thunder', 'taylor',
  'matrix', 'william', 'corvette', 'martin', 'heather',
  'secret', 'merlin', 'diamond', '1234qwer', 'hammer',
  'silver', '222222', '88888888', 'anthony', 'justin',
  'test', 'orange', 'cookie', 'samantha', 'guitar',
  'jackson', 'maverick', 'flower', 'ferrari', 'zaq12wsx',
];
