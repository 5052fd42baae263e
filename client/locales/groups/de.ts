
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's00442afc2fb5d119': `Der Vergleich wird geladen…`,
's08327fe9ccbd2dba': `Teile die Klasse in kleine Gruppen, die nebeneinander debattieren.`,
's0e7053e52a4f643a': str`${0} ist verschoben.`,
's15bac9b5e857213d': `Von Hand`,
's165161bb3689bc81': `Die Gruppen sind gebildet.`,
's1f16c7b9b376795a': `Noch keine Argumente.`,
's2018af8160124192': `Gruppen von mindestens`,
's2a64d2dca3da9b0e': str`Gruppe ${0}`,
's3b17e80bdf131354': `Plenum: Alle sehen alles, jedes Argument mit seiner Gruppe gekennzeichnet.`,
's49684719cdaee24d': `Wie`,
's52d1eddacc755726': `Ausgewogen nach den Positionen`,
's5f49aec7f2dccf9c': `Gruppen bilden`,
's64dfb22be1262abf': str`Absatz ${0}`,
's6c064554aa52d33a': `Die Diskussionen zeigen die Argumente von`,
's7b71b32e7adddc63': str`Gruppe von ${0}`,
's7dd508c646844ecc': `so viele Gruppen`,
's8065e8e5abc3a596': `Gruppenarbeit: Alle sehen und schreiben nur in ihrer Gruppe. Du siehst jede Gruppe.`,
's825c01f3484b61ae': `Das Plenum hat begonnen.`,
's84b385939e191a29': `Gruppenarbeit starten`,
's859d203587e0af5a': `Die Gruppenarbeit hat begonnen.`,
's92380cd8022cfc3f': `Die Gruppen sind aufgelöst.`,
'sa564b25dcc10b94b': `Gruppenarbeit beenden: ins Plenum`,
'sb5a5f4513a40c688': `Ausgewogen nach der letzten Umfrage`,
'sbbb97b1c63507dc0': `Anzahl`,
'sc472014f570acc62': `In keiner Gruppe`,
'scf41351edf4dc87f': `Aufteilen in`,
'scf6ec4eb3b3290b4': `Die Gruppen sind gebildet; bis die Gruppenarbeit beginnt, kannst du neu mischen oder jemanden verschieben.`,
'sd050d60a42936ee9': `Neu mischen`,
'sd16302b0eaa57f9f': `allen Gruppen`,
'sd1857520ad044781': `Keine Gruppe`,
'sd880633ecdfed215': `Gruppen auflösen`,
'sddc0bd1ad599a436': `Nach oben gestellt`,
'sdf521507c4af11ef': `Die Gruppen im Vergleich`,
'sf57a4e317433204f': `Zufällig`,
'sfe025c94110382b8': `Ins Plenum nach oben stellen`,
    };
  