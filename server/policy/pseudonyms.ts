/**
 * The pseudonyms of an anonymous seminar, and the per-seminar ids that go with them. Peers in
 * an anonymous seminar never see each other's account ids (the same id appears with the real
 * name in every public debate), so each pseudonym stands for a number of its own: the
 * pseudonym's place among all the names that can be drawn, negated. It is stable (pseudonyms
 * never change), unique in its seminar (so are pseudonyms), says nothing the pseudonym does not
 * say already, and being negative it never equals an account's id, so a participant's own
 * comments and raised hands, which carry their own account id, are never mistaken for a peer's.
 */

export const ADJECTIVES = [
  'Amber',
  'Azure',
  'Bold',
  'Brave',
  'Bright',
  'Calm',
  'Clever',
  'Coral',
  'Crimson',
  'Curious',
  'Daring',
  'Eager',
  'Gentle',
  'Golden',
  'Happy',
  'Hidden',
  'Indigo',
  'Jolly',
  'Keen',
  'Lively',
  'Lucky',
  'Merry',
  'Misty',
  'Noble',
  'Olive',
  'Patient',
  'Quick',
  'Quiet',
  'Rapid',
  'Rosy',
  'Silver',
  'Sly',
  'Steady',
  'Sunny',
  'Swift',
  'Teal',
  'Tidy',
  'Velvet',
  'Wise',
  'Witty',
]
export const ANIMALS = [
  'Badger',
  'Bear',
  'Beaver',
  'Crane',
  'Crow',
  'Deer',
  'Dolphin',
  'Eagle',
  'Falcon',
  'Fox',
  'Gecko',
  'Hare',
  'Hawk',
  'Heron',
  'Ibis',
  'Koala',
  'Lark',
  'Lemur',
  'Lynx',
  'Marten',
  'Moose',
  'Newt',
  'Otter',
  'Owl',
  'Panda',
  'Puffin',
  'Quail',
  'Raven',
  'Robin',
  'Salmon',
  'Seal',
  'Sparrow',
  'Stork',
  'Swan',
  'Tiger',
  'Toucan',
  'Turtle',
  'Walrus',
  'Wolf',
  'Wren',
]

/** What a seminar's pseudonyms run out to: "Participant N". */
export const FALLBACK_PSEUDONYM = 'Participant'

/** How peers see someone of an anonymous seminar who has no pseudonym (no longer a member). */
export const UNKNOWN_PERSON = { id: 0, name: 'Former participant' } as const

const DRAWN = ADJECTIVES.length * ANIMALS.length

/** The id peers see for the member with this pseudonym: negative, stable, unique in the seminar. */
export function pseudonymId(pseudonym: string): number {
  const [adjective, animal, extra] = pseudonym.split(' ')
  const a = ADJECTIVES.indexOf(adjective ?? '')
  const b = ANIMALS.indexOf(animal ?? '')
  if (a >= 0 && b >= 0 && extra === undefined) return -(a * ANIMALS.length + b + 1)
  const n = adjective === FALLBACK_PSEUDONYM && animal !== undefined && extra === undefined ? Number(animal) : NaN
  if (Number.isSafeInteger(n) && n > 0) return -(DRAWN + n)
  // Not a drawn name (none is stored today): a stable number from its text, past every drawn one.
  let hash = 0
  for (const c of pseudonym) hash = (hash * 31 + (c.codePointAt(0) ?? 0)) % 1_000_000_007
  return -(2 * DRAWN + 1_000_000 + hash)
}
