/** What tells a name apart in clinical text: the words that introduce one, and the contexts in which a name is not a person. */

import { EVERYDAY_GIVEN, EVERYDAY_SURNAMES, GIVEN_NAMES, NICKNAMES, SURNAMES } from './name-lexicon-data';

/** Lower case without diacritics ("Rodríguez" and "rodriguez" are one key); "ñ" stays a letter of its own. */
export function nameKey(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/(?<!n)\u0303|[\u0300-\u0302\u0304-\u036f]/g, '')
    .normalize('NFC');
}

const keys = (list: string) => new Set(list.split('|').map(nameKey));
const words = (list: string) => new Set(list.trim().split(/\s+/).map(nameKey));

export const GIVEN = keys(`${GIVEN_NAMES}|${NICKNAMES}`);
export const SURNAME = keys(SURNAMES);

/**
 * Given names that are also everyday words ("Dolores articulares", "Luz solar", "Hope"): alone they
 * are not taken for a name without a cue or another part of a name beside them.
 */
/** Given names that are everyday words when typed in lower case ("clara", "severo", "rosa"). */
export const LOWERCASE_WORD_GIVEN = keys(EVERYDAY_GIVEN);
/** Surnames that are everyday words in lower case ("el vecino tirado en el baño"). */
export const LOWERCASE_WORD_SURNAME = keys(EVERYDAY_SURNAMES);
export const AMBIGUOUS_GIVEN = words(`
  rosa luz paz dulce cruz sol mar angel pilar consuelo dolores socorro remedios amparo soledad esperanza rocio
  concepcion asuncion mercedes victoria gloria milagros trinidad fe flor flora estrella perla linda iris alba aurora
  azul cielo lluvia brisa luna reina rey reyes santos santa salvador natividad nieves piedad caridad refugio patria
  libertad modesto modesta amado amada prudencia inocencia clemencia fausto justo leal franco severo celeste coral
  cristal jade violeta azucena margarita camelia dalia hortensia jazmin paloma alma amor gema ventura urbano domingo
  bella clara grace hope faith joy will bill mark frank max jack ray dawn summer autumn april may june holly ivy rose
  daisy lily ruby pearl crystal destiny harmony melody chase hunter grant bob sue pat sally penny sandy rocky guy art
  gene drew wade miles lance cole dean sterling stella hazel heather olive violet trinity sierra savannah dallas
  jordan morgan parker cooper tucker tanner carter spencer marshall murray norman lee chad kay misty sunny cherry
  chucho memo nacho chela concha cuca coco chato chino guero gordo flaco negro chelo
  monserrat loreto lourdes carmen rosario pascual primitivo angeles ella ross norma
  leon maya victoria celaya
`);

/** Titles and honorifics after which what follows is a name even when no list knows it ("Dr. Nakamura"). */
export const TITLES = words(`
  sr sra srta srita señor señora señorita don doña dr dra doctor doctora mip mpss mpsp enf enfermera enfermero lic
  licenciada licenciado ing prof profa profesor profesora mtro mtra maestro maestra qfb tsu psic nutr mr mrs ms miss
  mister nurse rn np pa dr. sor fray padre madre
`);

/** Relatives and companions: "su esposo …", "her daughter, …". */
export const RELATIVES = words(`
  esposo esposa hijo hija hijos hijas madre padre mama mamá papa papá hermano hermana abuelo abuela nieto nieta tio tía
  tia sobrino sobrina primo prima suegra suegro cuñado cuñada yerno nuera pareja novio novia concubino concubina
  familiar acompañante cuidadora cuidador responsable informante tutor tutora vecino vecina comadre compadre ahijado
  ahijada husband wife son daughter mother father brother sister grandson granddaughter grandmother grandfather niece
  nephew aunt uncle cousin partner boyfriend girlfriend caregiver guardian neighbour neighbor mom dad testigo
  witness
`);

/** Words for the patient: a name after them needs a list to know it ("Patient Health Questionnaire" is none). */
export const PATIENT_WORDS = words(`
  paciente pte px pcte pac patient pt usuaria usuario derechohabiente menor lactante bebé bebe recién rn niño niña
  nombre name soy
`);

/** Labels of a name on a form or a clinical history's identification header. */
export const NAME_LABEL_RE =
  /(?<![\p{L}])(?:nombre(?:[ \t]+(?:completo|del[ \t]+paciente|de[ \t]+la[ \t]+paciente|del[ \t]+familiar))?|name|patient[ \t]+name|full[ \t]+name|ficha[ \t]+de[ \t]+identificaci[oó]n|identificaci[oó]n|paciente|pte|px|patient|pt|de[ \t]+nombre|llamad[oa]|named|a\.?k\.?a\.?|alias|apodo|le[ \t]+dicen|conocid[oa][ \t]+como|firma|elabor[oó]|realiz[oó]|atendi[oó])[ \t]*[:=][ \t]*$/iu;

/** Places and institutions named after people: a name inside such a name is not a person's. */
export const INSTITUTION_WORDS = words(`
  hospital hosp centro clinica clínica instituto escuela facultad universidad fundacion fundación sanatorio cae hgz hgr
  hg umf umaa cs c.s. csu imss issste ssa jurisdiccion jurisdicción auditorio aula sala programa premio catedra cátedra
  torre pabellon pabellón calle c. av av. avenida colonia col col. blvd blvd. calz calz. calzada fracc fracc.
  fraccionamiento mpio mpio. municipio parque plaza mercado estadio biblioteca museo teatro club asociacion asociación
  sociedad colegio congregacion congregación localidad ejido rancheria ranchería comunidad secundaria primaria
  preparatoria bachillerato cbtis cetis conalep kinder jardin jardín guarderia guardería estancia albergue asilo casa
  iglesia parroquia capilla templo cd ciudad puerto villa heroica h. presa carretera boulevard bulevar unidad
  laboratorio farmacia consultorio
`);

/** Saints, virgins and places named after them ("San Andrés Tuxtla", "Virgen de Guadalupe"). */
export const SAINT_WORDS = words(`san santa santo sto sta st virgen nuestra dios jesucristo cristo`);

/** Words before an eponym ("signo de Murphy", "escala de Glasgow", "criterios de Amsel"). */
export const EPONYM_BEFORE = words(`
  signo signos maniobra maniobras enfermedad sindrome síndrome escala escalas criterio criterios prueba pruebas test
  metodo método clasificacion clasificación puntaje puntuacion puntuación score regla reglas formula fórmula solucion
  solución tincion tinción indice índice reflejo triada tríada punto puntos ley tecnica técnica operacion operación
  procedimiento incision incisión bloqueo sonda canula cánula cateter catéter tubo bolsa circulo círculo poligono
  polígono cuestionario inventario curva curvas tabla tablas modelo algoritmo protocolo diametro diámetro foramen
  conducto arteria glandula glándula celulas células cuerpos ciclo asa fase estadio grado tipo posicion posición
  ruptura fractura quiste hernia ulcera úlcera tumor linfoma sarcoma enfermedades sign signs syndrome disease
  maneuver manoeuvre scale criteria classification score index reflex triad law technique procedure incision catheter
  questionnaire inventory curve chart model algorithm protocol position fracture cyst hernia ulcer tumour tumor lymphoma
  sarcoma stage grade type
`);

/** Words after an eponym ("Wells score", "Bell's palsy"). */
export const EPONYM_AFTER = words(`
  sign signs syndrome disease score scale test criteria maneuver manoeuvre reflex classification index triad palsy
  procedure operation technique catheter questionnaire inventory curve chart method law formula solution stain
`);

/**
 * Surnames that name diseases, signs, scales and solutions far more often than people in clinical
 * text; never a name without a title or a relative before them.
 */
export const EPONYMS = words(`
  murphy humphrey giordano mcburney chagas apgar glasgow cushing addison graves hashimoto kernig brudzinski wells silverman
  andersen capurro ballard tanner leopold papanicolaou parkinson alzheimer crohn down guillain barre barré hodgkin
  kaposi wilms whipple hartmann ringer foley nugent amsel gram ziehl neelsen babinski romberg lasegue lasègue
  trendelenburg homans blumberg rovsing mallampati killip forrester child pugh ranson friedewald framingham epworth
  barthel katz lawton folstein beck hamilton edinburgh norton braden downton aldrete bishop manning gleason breslow
  bethesda fitzpatrick korotkoff kussmaul cheyne stokes virchow wernicke korsakoff kawasaki reye sheehan turner
  klinefelter marfan ehlers danlos sjogren sjögren raynaud takayasu behcet behçet wegener churg strauss lyme pott
  osler janeway centor mcisaac alvarado caprini padua rockall blatchford forrest mallory weiss boerhaave zollinger
  ellison meckel hirschsprung dubin gilbert rotor crigler najjar menkes gaucher niemann fabry pompe hurler horner
  argyll charcot duchenne becker erb klumpke volkmann colles monteggia galeazzi salter perthes osgood schlatter legg
  calvé baker dupuytren quervain tinel phalen finkelstein lachman mcmurray chvostek trousseau cullen kehr courvoisier
  krukenberg meigs asherman rokitansky kallmann naegele couvelaire hegar chadwick goodell piskacek braxton hicks
  dubowitz moro ortolani barlow galant landau denver bayley nikolsky auspitz koplik forchheimer filatov dennie morgan
  wickham darier gottron heliotropo heberden bouchard schober patrick fabere thomas ober trendelemburg allen adson
  valsalva heimlich sellick seldinger swan ganz bakri lugol schiller hinselmann ames duke jones light ottawa geneva
  westermark hampton kerley mcconnell kussmaul cheyne biot quincke traube corrigan duroziez levine lown wolff
  parkinson white brugada mobitz wenckebach einthoven holter doppler fick starling frank bernoulli poiseuille henderson
  hasselbalch winter anion cockcroft gault mdrd ckd epi schwartz harris benedict mifflin jeor quetelet
  friedman bonney pinard credé crede ritgen mauriceau bracht zavanelli mcroberts rubin woods gaskin kristeller
  kleihauer betke coombs rhesus mantoux ishihara snellen jaeger amsler weber rinne dix hallpike epley semont
  rivero carvallo austin flint graham steell cabot rand ebstein fallot eisenmenger kussmaul bezold jarisch lauren wallace lund browder
`);

/**
 * People of Mexico's history whose names are streets, schools, hospitals, towns and colonias
 * ("Col. Benito Juárez", "Emiliano Zapata, Ver."): a name among them is a place, not a patient.
 */
export const HISTORIC_NAMES = new Set(
  [
    'benito juarez',
    'miguel hidalgo',
    'hidalgo y costilla',
    'jose maria morelos',
    'morelos y pavon',
    'emiliano zapata',
    'francisco villa',
    'pancho villa',
    'lazaro cardenas',
    'venustiano carranza',
    'ignacio zaragoza',
    'vicente guerrero',
    'francisco i madero',
    'francisco madero',
    'adolfo lopez mateos',
    'adolfo ruiz cortines',
    'miguel aleman',
    'manuel avila camacho',
    'ignacio de la llave',
    'gutierrez zamora',
    'jose azueta',
    'salvador diaz miron',
    'diaz miron',
    'rafael lucio',
    'sor juana',
    'juana ines de la cruz',
    'guadalupe victoria',
    'agustin de iturbide',
    'josefa ortiz',
    'ignacio allende',
    'nicolas bravo',
    'heriberto jara',
    'ursulo galvan',
    'rafael delgado',
    'gaston melo',
    'miguel dorantes mesa',
    'luis f nachon',
    'aquiles serdan',
    'leona vicario',
    'mariano escobedo',
    'porfirio diaz',
    'plutarco elias calles',
    'alvaro obregon',
    'cuauhtemoc',
    'netzahualcoyotl',
    'nezahualcoyotl',
    'moctezuma',
    'cuitlahuac',
    'vasco de quiroga',
    'niños heroes',
    'jose vasconcelos',
    'octavio paz',
    'jaime nuno',
    'agustin lara',
    'francisco javier clavijero',
    'juan de la luz enriquez',
    'manuel gutierrez najera',
    'ignacio manuel altamirano',
    'andres quintana roo',
    'fernando gutierrez barrios',
    'rafael murillo vidal',
    'antonio chedraui caram',
    // Hospitals and institutes named after physicians, and towns named after people.
    'valentin gomez farias',
    'rodolfo nieto padron',
    'gustavo a rovirosa perez',
    'gustavo a rovirosa',
    'aurelio valdivieso',
    'juan graham casasus',
    'luis sanchez bulnes',
    'federico gomez',
    'ignacio chavez',
    'salvador zubiran',
    'manuel velasco suarez',
    'eduardo liceaga',
    'manuel gea gonzalez',
    'luis f nachon',
    'victor manuel pitalua',
    'emilio alcazar',
    'guillermo zarate mijangos',
    'matias romero',
    'angel r cabada',
    'jesus carranza',
    'juan rodriguez clara',
    'carlos a carrillo',
    'juan diaz covarrubias',
    'manlio fabio altamirano',
    'lerdo de tejada',
    'jose cardel',
    'martinez de la torre',
    'agua dulce',
  ].map(nameKey),
);
