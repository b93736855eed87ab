import { scanText, type FindingKind } from './scanner';

/**
 * Identifiers as physicians in Mexico write them, one example of each form the scanner must catch,
 * and the clinical text that only looks like an identifier. Corpora measure the rates; these pin
 * each form down.
 */

const found = (text: string) => scanText(text).map((f) => [f.kind, text.slice(f.start, f.end)]);
const hasFinding = (text: string, kind: FindingKind, value: string) =>
  scanText(text).some((f) => f.kind === kind && text.slice(f.start, f.end).includes(value));

describe('names as physicians write them', () => {
  it.each([
    [
      'the identification header of a clinical history',
      'Ficha de identificación: Eulalia Xochicale Montiel, 58 años.',
      'Eulalia Xochicale Montiel',
    ],
    ['a husband without an honorific', 'Acude acompañada de su esposo Anselmo, quien refiere que no come.', 'Anselmo'],
    ['a daughter after a comma', 'Lo trae su hija, Nayeli, por caídas frecuentes.', 'Nayeli'],
    ['an English relative', 'Her daughter, Brenda, called to ask about the biopsy.', 'Brenda'],
    ['a lower-case "don" mid-sentence', 'Se visitó a don Aureliano en su domicilio.', 'Aureliano'],
    ['a lower-case "doña"', 'la hija de doña Eustolia trajo los estudios', 'Eustolia'],
    ['"sra." in lower case', 'se comentó con la sra. Tlaxcalteca que debe regresar', 'Tlaxcalteca'],
    ['"la señora"', 'La señora Villalobos refiere dolor.', 'Villalobos'],
    ['"el señor"', 'Se explicó al señor Cuevas el procedimiento.', 'Cuevas'],
    ['an intern (MIP)', 'Nota elaborada por MIP Itzel Romero.', 'Itzel Romero'],
    ['a nurse (Enf.)', 'Signos tomados por Enf. Marisol Cházaro a las 08:00.', 'Marisol Cházaro'],
    ['a patient abbreviated "Pte."', 'Pte. Rigoberto Xolo con disnea de medianos esfuerzos.', 'Rigoberto Xolo'],
    ['a daughter introducing herself in lower case', 'hola dr buenas noches soy ximena la hija de don Beto', 'ximena'],
    [
      'a lower-case name as a list item',
      'embarazadas de alto riesgo: marisol (tel 61 41 26 12 03) ya no contesta',
      'marisol',
    ],
    ['an English nurse', 'Nurse Kathleen noted the wound was dry.', 'Kathleen'],
    ['a name with no cue at all', 'Ayer Rosalba Cuautle Tepetla regresó con fiebre.', 'Rosalba Cuautle Tepetla'],
    ['a name typed in lower case', 'vino gerardo hernández ortiz con su receta', 'gerardo hernández ortiz'],
    ['a name in capitals on a form', 'PACIENTE: MORALES XOLO CANDELARIA', 'MORALES XOLO CANDELARIA'],
    [
      'a patient after a sentence naming a hospital',
      'Hospital General de Tijuana. Pte. Amparo Lizárraga Félix, fem. 58 años.',
      'Amparo Lizárraga Félix',
    ],
    ['"don" after "hospital" and a comma', 'El traductor del hospital, don Crispín Ozuna, apoya.', 'Crispín Ozuna'],
    ['initials after a word for the patient', 'Paciente J.L.M.R., masc. de 63 años.', 'J.L.M.R.'],
    ['initials before sex and age', 'Bed 17: J.A.H.L., 90-year-old man with heart failure.', 'J.A.H.L.'],
  ])('finds %s', (_form, text, name) => {
    expect(hasFinding(text, 'name', name)).toBe(true);
  });
});

describe('numbers, dates and places as they are written', () => {
  it.each([
    ['a phone in brackets and pairs', 'Llamar al (228) 123-45-67 por la tarde.', 'phone', '(228) 123-45-67'],
    ['a phone in 4-2-2-2', 'Su número es 2281 23 45 67.', 'phone', '2281 23 45 67'],
    ['a local number in pairs', 'vecina: 8-12-34-56', 'phone', '8-12-34-56'],
    ['a seven-digit local number', 'le marqué al 812-3456 y no contestó', 'phone', '812-3456'],
    ['a WhatsApp number', 'mándale WhatsApp 2299 87 65 43', 'phone', '2299 87 65 43'],
    ['a date with a Roman-numeral month', 'Nacida el 12/III/1948 en Coatepec.', 'birth_date', '12/III/1948'],
    ['a Roman-numeral month with hyphens', 'Ingresó 3-V-2024.', 'birth_date', '3-V-2024'],
    ['a dotted date with a two-digit year', 'Consulta del 15.03.24 sin cambios.', 'birth_date', '15.03.24'],
    ['a joined date on a wristband', 'FN 15MAR1958', 'birth_date', '15MAR1958'],
    ['a day and a month without the year', 'nació el 3 de mayo, a término', 'birth_date', '3 de mayo'],
    ['a numeric day and month after a cue', 'FUM 12/03, embarazo de 22 semanas', 'birth_date', '12/03'],
    ['"No. de registro"', 'No. de registro 556102', 'record_number', '556102'],
    ['"Registro hospitalario"', 'Registro hospitalario: 2023-4471', 'record_number', '2023-4471'],
    ['"exp" without a period', 'exp 334512 pendiente', 'record_number', '334512'],
    ['"Exp:" with groups', 'Exp: 45-21-887', 'record_number', '45-21-887'],
    ['a cot', 'RN en cuna 12 con ictericia', 'record_number', '12'],
    ['a bed', 'paciente de cama 5', 'record_number', '5'],
    ['an RFC without homoclave', 'RFC GOMS750312', 'rfc', 'GOMS750312'],
    ['an RFC with hyphens', 'RFC GOMS-750312-AB4', 'rfc', 'GOMS-750312-AB4'],
    ['an RFC with spaces', 'R.F.C. GOMS 750312 AB4', 'rfc', 'GOMS 750312 AB4'],
    ['an NSS with a wrong check digit after its label', 'NSS 39908239824', 'nss', '39908239824'],
    ['an NSS in 4-2-4-1 groups', 'NSS: 4301 75 0826 8', 'nss', '4301 75 0826 8'],
    ['an address without a number', 'Vive en Av. Hidalgo s/n, junto al mercado.', 'address', 'Av. Hidalgo s/n'],
    ['a corner', 'su casa está en Juárez esquina con Revolución', 'address', 'esquina con Revolución'],
    ['a block and a lot', 'Mz. 12, Lt. 5, Unidad Habitacional Las Ánimas', 'address', 'Mz. 12, Lt. 5'],
    ['a housing estate', 'Mz. 12, Lt. 5, Unidad Habitacional Las Ánimas', 'address', 'Unidad Habitacional Las Ánimas'],
    [
      'a small locality',
      'originaria de la Congregación El Tronconal, Mpio. de Xalapa',
      'address',
      'Congregación El Tronconal',
    ],
    ['an e-mail without a suffix', 'correo lupita_88@hotmail', 'email', 'lupita_88@hotmail'],
    ['a link without "www"', 'ver facebook.com/lupita.ruiz.90', 'url', 'facebook.com/lupita.ruiz.90'],
    ['an age of 90 or more', 'Masculino de 93 años con neumonía.', 'age', '93 años'],
    ['an English age of 90 or more', 'A 97-year-old woman fell at home.', 'age', '97-year-old'],
    ['an age in capitals', 'FEMENINO DE 98 AÑOS, DEPENDIENTE.', 'age', '98 AÑOS'],
    ['a last period with a Roman month', 'AGO: G3 P3 C1 A1, FUM 19/V, SDG 37.2', 'birth_date', '19/V'],
    ['an admission day with a hyphen', 'Ingreso 11-6 x fiebre 39 y petequias.', 'birth_date', '11-6'],
    ['a clinical record abbreviated', 'Quirófano 2, primer tiempo. Exp. clínico 41762.', 'record_number', '41762'],
    ['a recovery bed', 'Pasa a cama de recuperación 6 estable.', 'record_number', '6'],
    ['a transfer folio', 'Se asigna folio de traslado 7713-TJ.', 'record_number', '7713-TJ'],
    ['a CURP with a letter O for a zero', 'CURP CAVA7O0214HGRSLN08', 'curp', 'CAVA7O0214HGRSLN08'],
    ['a comisaría of Yucatán', 'Vive en la comisaría de Xcunyá con su hija.', 'address', 'Xcunyá'],
    [
      'an address in the United States',
      'Domicilio: 1418 Calle Morelos, Eagle Pass, TX 78852.',
      'address',
      '1418 Calle Morelos, Eagle Pass, TX 78852',
    ],
    [
      'a CURP dictated in lower case and groups',
      'curp tehs 230814 hvz prn a5, esquema completo',
      'curp',
      'tehs 230814 hvz prn a5',
    ],
    [
      'a personal blog without "www"',
      'publica sus glucemias en pieaguantador.blogspot.com',
      'url',
      'pieaguantador.blogspot.com',
    ],
    ['a direct number without a phone word', 'Mi número directo es 122 3456.', 'phone', '122 3456'],
    [
      'a locality before its municipality',
      'originaria y residente de Pacho Viejo, Coatepec, ama de casa',
      'address',
      'Pacho Viejo',
    ],
    ['a numbered camp', 'a 16-year-old girl from Campo 22, a Mennonite colony', 'address', 'Campo 22'],
    [
      'an agency of a municipality',
      'originaria de la agencia de San Francisco Yosocuta',
      'address',
      'San Francisco Yosocuta',
    ],
    ['a home without an address', 'vive en Domicilio conocido s/n, El Tepozán, Huichapan', 'address', 'El Tepozán'],
    ['a place the gazetteer knows as small', 'El niño vive con su abuela en Acatempan.', 'address', 'Acatempan'],
    [
      'a town named after a saint',
      'Parto en casa en San Bartolo Tlaxiquipan con partera.',
      'address',
      'San Bartolo Tlaxiquipan',
    ],
    ['a locality before its state', 'habita casa de adobe en Pich, Campeche', 'address', 'Pich'],
    ['an English day and month', 'Rash onset May 4; Koplik spots.', 'birth_date', 'May 4'],
    ['a notification folio', 'Folio de notificación 15-PAL-0042.', 'record_number', '15-PAL-0042'],
    ['an English street with "Dr."', 'Lives at 2210 E. Yandell Dr., El Paso.', 'address', '2210 E. Yandell Dr.'],
  ])('finds %s', (_form, text, kind, value) => {
    expect(hasFinding(text, kind as FindingKind, value)).toBe(true);
  });
});

describe('clinical text that is not an identifier', () => {
  it.each([
    ['a hospital named after a physician', 'Se refiere al CAE Dr. Rafael Lucio para valoración por ginecología.'],
    ['a hospital named after a person without a title', 'Traslado al Hospital Miguel Dorantes Mesa.'],
    ['an obstetric emergency programme', 'Se activó Código Mater en tococirugía.'],
    ['a religion', 'Paciente Testigo de Jehová, rechaza transfusión.'],
    ['a questionnaire', 'Patient Health Questionnaire (PHQ-9) of 14 points.'],
    ['a title-case heading', 'Antecedentes Heredofamiliares: Madre Con Diabetes. Plan De Manejo: metformina.'],
    ['a chemotherapy schedule', 'Gemcitabina días 1-8-15 cada 28 días.'],
    ['an insulin schedule', 'Insulina lispro 8-10-12 UI antes de cada comida.'],
    ['a guideline link', 'Ver la GPC en www.cenetec-difusion.com/gpc y https://www.who.int/publications.'],
    ['eponymous signs and scales', 'Murphy positivo, Giordano negativo, Glasgow 15, Apgar 8/9, Capurro 38 SDG.'],
    ['a helpline', 'Línea de la Vida 800 911 2000.'],
    ['lab values and a blood pressure', 'Hb 9.8 g/dL, HbA1c 8.2 %, TA 130/80 mmHg, FC 88 lpm, TFG 45 ml/min.'],
    ['a range with "a"', 'FC entre 90 a 110 lpm.'],
    ['a city named after a saint', 'Referida desde San Andrés Tuxtla.'],
    ['a school named after a hero', 'Plática de nutrición en la Escuela Primaria Benito Juárez.'],
    ['a town named after a hero', 'Referida del centro de salud de Emiliano Zapata.'],
    ['pneumonia acquired in the community', 'Neumonía adquirida en la comunidad, CURB-65 de 2.'],
    ['"más" after "señor"', 'Es el señor más grande de la comunidad según la enfermera.'],
    ['scales named after their authors', 'Escala de Beck con 22 puntos; Mini-Mental de Folstein 24/30.'],
    ['a city that is a given name', 'Referida desde León para valoración.'],
    ['an ethnic group that is a given name', 'A Yucatec Maya woman with a venous ulcer.'],
    ['an American hospital named after a president', 'Referred to the Ronald Reagan UCLA Medical Center.'],
    ['a city after "originario de"', 'Masculino de 67 años, originario y residente de Guadalupe, N.L.'],
    ['a city named "Nueva …"', 'Exminero de Nueva Rosita, Coah., con EPOC.'],
    ['a city before its state', 'Procede de Dolores Hidalgo, Gto.'],
    ['a score after a road in lower case', 'Atropellado en la carretera costera. Glasgow 9 (O2 V2 M5).'],
    ['a sentence after "mother."', 'Koplik spots reported by the mother. Household contacts: 7.'],
    ['a city the gazetteer knows as large', 'Masculino de 52 años, originario de Perote, campesino.'],
    ['a hospital in a large town', 'Referida del Hospital General de Pánuco para valoración.'],
    ['a committee before its state', 'Minuta del Comité Estatal de Mortalidad Materna, Morelos.'],
    ['a service before its city', 'Consulta de Hematología, Poza Rica.'],
    ['doses taken', 'Presión arterial 145/95 mmHg en tres tomas; no se dan consultas por redes.'],
  ])('refuses nothing in %s', (_form, text) => {
    expect(found(text)).toEqual([]);
  });
});
