import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat, EssayParseError, parseEssay } from '../../server/essays/parse.ts'

// The seed essay as delivered (one block per line, closing bullet), copied here so the suite
// runs from the repository alone; the last test checks the copy against the shared original.
const SEED_TEXT = [
  'Sora: Das Spektakel der passiven Kreativität',
  'OpenAI verspricht mit der KI-App Sora grenzenlose Kreativität. Doch ist man bei Sora überhaupt tätig? Über falsche Emanzipation und Rückkehr in die Passivität des Spektakels.',
  'Entrüstung schlägt der niederländischen Schauspielerin und Produzentin Eline Van der Velden entgegen, als sie im September die künstliche Figur Tilly Norwood vorstellt. Die KI-Schauspielerin soll zukünftig in Film und Werbung auftreten. Hollywood-Schauspielerinnen wie Emily Blunt oder der ehemalige Disney-Studioleiter Charlie Fink empörten sich aus Angst, dass KI jungen Kreativen die Arbeitsplätze rauben wird. Van der Velden verteidigt sich: Tilly Norwood sei ein kreatives Arbeitsprodukt, kein Ersatz für Menschen.',
  'Doch solche Produkte zu erschaffen – fiktive Figuren, die in Bild und Ton lebendig werden – ist keinesfalls mehr Hollywood-Produzenten vorbehalten. OpenAI, das Unternehmen hinter ChatGPT, veröffentlichte am 30. September 2025 zugleich das neue KI-Modell Sora 2 und die App Sora. Zum ersten Mal können dank Sora 2 KI-generierte Videos mit realistischer, konsistenter Physik und gutem, synchronem Ton erzeugt werden. Die App soll das Programm in die Hosentasche bringen: eine neue Social Media-Plattform wie TikTok, auf der aber ausschließlich Videos zu sehen sind, die mit Sora 2 generiert sind. OpenAI wirbt damit, dass Sora grenzenlose Kreativität und einzigartige Kommunikation ermögliche. Kreativ tätig sein, ganz ohne Hürden – das klingt zu schön, um wahr zu sein. Die Frage bei Sora ist aber: Wer ist hier überhaupt tätig?',
  'Aufstehen',
  '1967 beschreibt Guy Debord die verheerenden Auswirkungen kapitalistischer Ideologie auf die Gesellschaft. In der Gesellschaft des Spektakels, die durch Massenproduktion und Konsum bestimmt ist, beziehen sich Personen nur noch über Abbilder der Wirklichkeit aufeinander. Das Spektakel ist zu einem abgetrennten, autonomen Bereich geworden: entfernt vom wirklichen Leben bildet es einen Raum, in dem man sich selbst verliert und in den bestehenden Verhältnissen gefangen bleibt. Ein jeder spielt seine gesellschaftlich zugewiesene Rolle, ist ein Produkt und bezieht sich wiederum auf hergestellte Vorstellungen und Repräsentationen. Debord stellt fest: „Was erscheint, das ist gut; und was gut ist, das erscheint“.',
  'Damals meint Debord noch das Fernsehen, wenn er von Massenkommunikationsmitteln schreibt, die „die erdrückendste Oberflächenerscheinung“ der Gesellschaft des Spektakels seien. Das Fernsehen erschuf das Bedürfnis, jeden Abend die Nachrichten oder die Lieblings-Sitcom zu schauen. Die Kommunikation ist dabei laut Debord eine dezidiert einseitige, die Zuschauer konsumieren passiv das Programm. Es kommt zu einem sich verstärkenden Kreislauf von Angebot und Nachfrage: Je mehr Spektakel die Menschen vorgesetzt bekommen, desto mehr brauchen sie es. Gemeinsam allein sitzen die Zuschauer vor ihrer Flimmerkiste. Debord nennt das: Vereinzelung.',
  'Zusammen mit der technischen Revolution des Smartphones 2007 liberalisieren die sozialen Medien die Medienproduktion. Es scheint, als würden sich die Mediennutzer aus ihrem passiven Konsumentendasein befreien und zum Prosumenten aufsteigen. Denn gerade in den Anfängen der sozialen Medien wird fotografiert, geschrieben, gefilmt, geschnitten, inszeniert. Zwar gibt es genug Kritik an der Reproduktion der herrschenden Verhältnisse durch die aktive Mitarbeit am Medienzirkus: Filter, falsche Leben und Werbung, die als authentisch verkauft werden. Dennoch lässt die Spannung zwischen Ideal und Realität eine Diskussion über die eigene Identität und die moderne Gesellschaft zu. Der Prosument ist tätig. Sora verspricht den Nutzern nun noch größere Freiheit und Gestaltungsmöglichkeiten. In Wirklichkeit kehrt sich die Entwicklung jedoch um – und stürzt den Mediennutzer in neue Tiefen der Vereinzelung und Passivität.',
  'Zurücklehnen',
  'Sora akkumuliert abertausende Bilder, um ein Modell zu trainieren. Das Resultat eines jeden Prompts ist nur Verwertung all dieser echten – oder besonderen – bereits produzierten Bilder. Für die Kreativität bedeutet das: KI vollbringt die Leistung. Wenn wir schriftlich Befehle in die Sora App eingeben, lassen wir uns ein Video ausspucken, das wir uns anschauen. Sora hat das produziert, nicht der Anwender. Letztlich ist dieses Medium so einseitig wie das Fernsehen. Doch statt eines gemeinsamen Programms auf einem Bildschirm gibt uns Sora individualisierte Inhalte auf vielen Screens: Debords Vereinzelung potenziert sich.',
  'Weder filmtheoretisches Wissen oder künstlerisches Gespür noch handwerkliche Fertigkeiten sind mehr nötig, um Videos oder ganze Filme herbeizuzaubern. Wer eine KI-generierte Datenwolke als selbst erarbeitetes Produkt behandelt, unterwirft sich unausweichlich der Passivität. Debord schreibt, dass sich der Zuschauer durch die eigene bewusstlose Tätigkeit zunehmend entfremde: „Je mehr er zuschaut, um so weniger lebt er.“ Wer sich vom Schaffensprozess abkehrt und der Reproduktion falscher Bilder der Gesellschaft des Spektakels zuwendet, endet selbst als Produkt: Auf Sora bleibt der Nutzer nur Datenspender.',
  'Das Spektakel hat mit Sora gelernt, seinen Zuschauern kreative Emanzipation vorzugaukeln. Dabei bestimmt die Gesellschaft des Spektakels die Bilder und Bedürfnisse, anhand derer wir unsere Ideen bilden – und Sora setzt sie um. Als Oberflächenerscheinung des Spektakels enthebt uns die App keiner kreativen Grenzen, sondern befestigt sie. Eline Van der Velden hat durch ihre Ideen zu KI-Projekten wie Tilly Norwood ein Alleinstellungsmerkmal als Produzentin gewonnen. Doch wie lange bleibt das so, wenn auch kreative Arbeit wie diese künftig von KI übernommen wird?•',
].join('\n')

const SHARED_SEED = new URL('../../../shared/essays/sora-spektakel.txt', import.meta.url)
const DEFAULT_ESSAY = readFileSync(new URL('../../essays/sora-spektakel.md', import.meta.url), 'utf8')

describe('the default essay', () => {
  it('reads as a Markdown essay with its title, 9 paragraphs and 2 headings', () => {
    expect(detectFormat(DEFAULT_ESSAY)).toBe('markdown')
    const essay = parseEssay(DEFAULT_ESSAY)

    expect(essay.title).toBe('Sora: Das Spektakel der passiven Kreativität')
    expect(essay.blocks.map((block) => block.kind)).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
      'paragraph',
    ])
    expect(essay.blocks.filter((block) => block.kind === 'heading').map((block) => block.text)).toEqual(['Aufstehen', 'Zurücklehnen'])
    expect(essay.blocks[0]?.text).toMatch(/^OpenAI verspricht mit der KI-App Sora/)
  })

  it('has the same blocks as the plain-text seed it was made from', () => {
    expect(detectFormat(SEED_TEXT)).toBe('text')
    expect(parseEssay(SEED_TEXT)).toEqual(parseEssay(DEFAULT_ESSAY))
  })

  it('keeps the German quotes and drops the closing bullet', () => {
    const essay = parseEssay(DEFAULT_ESSAY)
    expect(essay.blocks[4]?.text).toContain('„Was erscheint, das ist gut; und was gut ist, das erscheint“.')
    expect(essay.blocks.at(-1)?.text).toMatch(/künftig von KI übernommen wird\?$/)
  })

  it.skipIf(!existsSync(SHARED_SEED))('embeds the shared seed file verbatim', () => {
    expect(readFileSync(SHARED_SEED, 'utf8')).toBe(SEED_TEXT)
  })
})

describe('detectFormat', () => {
  it('calls a source Markdown when its first non-blank line starts with "# "', () => {
    expect(detectFormat('\n\n# Titel\n\nText.')).toBe('markdown')
    expect(detectFormat('---\nauthor: A\n---\n# Titel\n\nText.')).toBe('markdown')
    expect(detectFormat('Titel\nText.')).toBe('text')
    expect(detectFormat('#Titel\nText.')).toBe('text')
    expect(detectFormat('')).toBe('text')
  })
})

describe('parseEssay (Markdown)', () => {
  it('joins the lines of a paragraph with single spaces and strips trailing whitespace', () => {
    const essay = parseEssay('# Titel  \n\nErste Zeile,   \n  zweite Zeile.\t\n\n\n\nNoch ein Absatz.\n')
    expect(essay).toEqual({
      title: 'Titel',
      blocks: [
        { kind: 'paragraph', text: 'Erste Zeile, zweite Zeile.' },
        { kind: 'paragraph', text: 'Noch ein Absatz.' },
      ],
    })
  })

  it('reads a heading written directly above or below a paragraph', () => {
    const essay = parseEssay('# Titel\n\nEinleitung.\n## Teil eins\nErster Absatz.\n\n## Teil zwei ##\nZweiter Absatz.')
    expect(essay.blocks).toEqual([
      { kind: 'paragraph', text: 'Einleitung.' },
      { kind: 'heading', text: 'Teil eins' },
      { kind: 'paragraph', text: 'Erster Absatz.' },
      { kind: 'heading', text: 'Teil zwei' },
      { kind: 'paragraph', text: 'Zweiter Absatz.' },
    ])
  })

  it('ignores front matter and thematic breaks', () => {
    const essay = parseEssay('---\ntitle: nicht dieser\ndate: 2025-10-01\n---\n\n# Titel\n\nEins.\n\n---\n\nZwei.\n* * *\nDrei.')
    expect(essay.title).toBe('Titel')
    expect(essay.blocks.map((block) => block.text)).toEqual(['Eins.', 'Zwei.', 'Drei.'])
  })

  it('keeps inline markup and raw HTML as written', () => {
    const essay = parseEssay('# Titel\n\nEin *betonter* Satz mit <b>HTML</b> & Co.')
    expect(essay.blocks[0]?.text).toBe('Ein *betonter* Satz mit <b>HTML</b> & Co.')
  })

  it('reads Windows line endings, a byte-order mark and decomposed umlauts', () => {
    const essay = parseEssay('\uFEFF# Zuru\u0308ck\r\n\r\nA\u0308rger u\u0308ber U\u0308berstunden.\r\n')
    expect(essay.title).toBe('Zurück')
    expect(essay.blocks[0]?.text).toBe('Ärger über Überstunden.')
  })

  it('rejects an empty essay, a missing title and an essay without paragraphs', () => {
    expect(() => parseEssay('', 'markdown')).toThrow(EssayParseError)
    expect(() => parseEssay(' \n\n', 'markdown')).toThrow(/empty/)
    expect(() => parseEssay('Kein Titel.\n\nAbsatz.', 'markdown')).toThrow(/# Title/)
    expect(() => parseEssay('#  \n\nAbsatz.', 'markdown')).toThrow(/title on line 1 is empty/)
    expect(() => parseEssay('# Titel\n\n## Nur eine Überschrift')).toThrow(/no paragraph/)
    expect(() => parseEssay('# Titel')).toThrow(/no paragraph/)
    expect(() => parseEssay('---\ntitle: x\n# Titel\n\nAbsatz.', 'markdown')).toThrow(/never closed/)
    expect(() => parseEssay('# Titel\n\nAbsatz.\n\n# Noch ein Titel')).toThrow(/second "# " title/)
  })
})

describe('parseEssay (plain text)', () => {
  it('takes the first non-empty line as title and every further line as a block', () => {
    const essay = parseEssay('\n  Titel  \n\nErster Absatz.\nZwischentitel\n\nZweiter Absatz!')
    expect(essay).toEqual({
      title: 'Titel',
      blocks: [
        { kind: 'paragraph', text: 'Erster Absatz.' },
        { kind: 'heading', text: 'Zwischentitel' },
        { kind: 'paragraph', text: 'Zweiter Absatz!' },
      ],
    })
  })

  it.each([
    ['Aufstehen', 'heading'],
    ['Die Gesellschaft des Spektakels heute', 'heading'],
    ['Sechs Wörter sind noch eine Überschrift', 'heading'],
    ['Sieben Wörter sind schon keine Überschrift mehr', 'paragraph'],
    ['Eine Überschrift darf höchstens sechzig Zeichen lang sein, sonst', 'paragraph'],
    ['Der Prosument ist tätig.', 'paragraph'],
    ['Wer ist hier tätig?', 'paragraph'],
    ['Debord nennt das:', 'paragraph'],
    ['Er fragt „Wer schaut?“', 'paragraph'],
    ['Er zitiert »Spektakel«', 'paragraph'],
    ['Und dann…', 'paragraph'],
    ['(siehe oben)', 'paragraph'],
  ] as const)('reads %j as a %s', (line, kind) => {
    expect(parseEssay(`Titel\n${line}\nAbsatz.`).blocks[0]).toEqual({ kind, text: line })
  })

  it('drops decoration lines and the bullet closing the last paragraph', () => {
    const essay = parseEssay('Titel\nEins.\n• • •\n***\n———\nZwei, zu Ende.  •')
    expect(essay.blocks.map((block) => block.text)).toEqual(['Eins.', 'Zwei, zu Ende.'])
  })

  it('rejects an essay that is empty or has only a title and headings', () => {
    expect(() => parseEssay('', 'text')).toThrow(EssayParseError)
    expect(() => parseEssay('Titel\nZwischentitel', 'text')).toThrow(/no paragraph/)
  })
})
