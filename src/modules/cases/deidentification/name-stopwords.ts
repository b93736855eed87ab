import { nameKey } from './name-cues';

// Capitalised words that are not names: calendar words, institutions, specialties, honorifics,
// the fields of a form and the function words a sentence may start with.
export const NAME_STOPWORDS = new Set(
  `
  lunes martes miércoles miercoles jueves viernes sábado sabado domingo monday tuesday wednesday thursday friday
  saturday sunday enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre january
  february march april may june july august september october november december hospital unidad centro clínica
  clinica instituto imss issste ssa insabi pemex sedena dif servicio servicios urgencias consulta consultorio sala
  piso quirófano uci ucin uti icu er medicina interna familiar general cardiología cardiologia pediatría pediatria
  ginecología ginecologia obstetricia neurología neurologia nefrología nefrologia endocrinología endocrinologia
  oncología oncologia cirugía cirugia traumatología traumatologia ortopedia psiquiatría psiquiatria dermatología
  dermatologia neumología neumologia gastroenterología gastroenterologia infectología infectologia reumatología
  reumatologia hematología hematologia urología urologia oftalmología oftalmologia geriatría geriatria radiología
  radiologia cardiology pediatrics neurology nephrology oncology surgery emergency department internal medicine
  family clinic center centre university universidad facultad escuela school ward unit room sr sra srita srta dr
  dra lic mr mrs ms miss don doña prof ing paciente patient nombre name caso case diagnóstico diagnostico
  diagnosis tratamiento treatment el la los las un una se de del en con sin por para al y que es su sus presenta
  refiere acude ingresa niega cursa tiene fue está esta este no sí si the a an he she they his her in on at with
  without for of and or was is has had presented presents reports denies who which this that no yes masculino
  femenino femenina male female hombre mujer adulto adulta niño niña diabetes hipertensión covid vih hiv tb epoc
  copd eva ecog nyha glasgow domicilio dirección direccion edad sexo fecha teléfono telefono tel cel celular
  correo email ocupación ocupacion escolaridad religión religion estado civil originaria originario residente
  procedencia usuaria usuario derechohabiente afiliación afiliacion expediente registro folio cama curp rfc nss dx
  idx motivo address age sex phone occupation dob mrn
  caída caida responsable jefe jefa eje facilitador facilitadora antecedentes coordinador coordinadora titular
  encargado encargada turno guardia residente residentes médico médica medico medica
  más muy escala escalas índice indice criterios cuestionario inventario prueba test score viven vive
`
    .trim()
    .split(/\s+/)
    .map(nameKey),
);
