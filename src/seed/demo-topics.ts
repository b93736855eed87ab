export interface DemoTopic {
  title: string;
  description: string;
  learningObjectives: string[];
  requirements: { specialtyCode: string; count: number }[];
  /** The diagnostic test taken before the first day and after the last: single-choice questions, the first option right. */
  diagnosticTest: { question: [string, string]; options: [string, string][] }[];
}

/** The two series of the programme Puente comes from: maternal health and chronic disease. */
export const DEMO_TOPICS: readonly DemoTopic[] = [
  {
    title: 'Salud materna y perinatal',
    description:
      'Análisis conjunto de casos clínicos de control prenatal, emergencias obstétricas y nutrición en el embarazo, entre médicos de primer nivel y especialistas de su hospital de referencia.',
    learningObjectives: [
      'Identificar oportunamente los signos de alarma obstétrica en el primer nivel.',
      'Acordar criterios de referencia y contrarreferencia con el hospital.',
      'Orientar la nutrición de la embarazada y de la puérpera.',
    ],
    requirements: [
      { specialtyCode: 'gynecology_obstetrics', count: 2 },
      { specialtyCode: 'clinical_nutrition', count: 1 },
    ],
    diagnosticTest: [
      {
        question: [
          '¿Qué cifra de tensión arterial en una embarazada de 34 semanas indica preeclampsia con datos de severidad?',
          'Which blood pressure in a woman 34 weeks pregnant indicates preeclampsia with severe features?',
        ],
        options: [
          ['160/110 mmHg o más', '160/110 mmHg or more'],
          ['130/85 mmHg', '130/85 mmHg'],
          ['140/80 mmHg', '140/80 mmHg'],
        ],
      },
      {
        question: [
          '¿Qué suplemento se indica antes de la concepción para prevenir defectos del tubo neural?',
          'Which supplement is given before conception to prevent neural tube defects?',
        ],
        options: [
          ['Ácido fólico', 'Folic acid'],
          ['Hierro', 'Iron'],
          ['Vitamina C', 'Vitamin C'],
        ],
      },
      {
        question: [
          'Ante una hemorragia obstétrica en el primer nivel, ¿qué se hace primero?',
          'Faced with obstetric haemorrhage in primary care, what comes first?',
        ],
        options: [
          ['Estabilizar y referir de inmediato', 'Stabilise and refer at once'],
          ['Citar a control en una semana', 'Book a check-up in a week'],
          ['Pedir un ultrasonido de rutina', 'Order a routine ultrasound'],
        ],
      },
      {
        question: [
          '¿Cuántas consultas prenatales recomienda como mínimo la OMS?',
          'How many antenatal contacts does the WHO recommend at least?',
        ],
        options: [
          ['Ocho', 'Eight'],
          ['Cuatro', 'Four'],
          ['Dos', 'Two'],
        ],
      },
    ],
  },
  {
    title: 'Enfermedades crónicas',
    description:
      'Diabetes, hipertensión, enfermedad pulmonar obstructiva y sus complicaciones, vistas desde la consulta de primer nivel y desde el hospital, con el apoyo de psicología clínica.',
    learningObjectives: [
      'Ajustar el tratamiento de diabetes e hipertensión según las guías vigentes.',
      'Reconocer las complicaciones que requieren referencia urgente.',
      'Acompañar la adherencia y el automanejo de los pacientes.',
    ],
    requirements: [
      { specialtyCode: 'internal_medicine', count: 2 },
      { specialtyCode: 'clinical_psychology', count: 1 },
      { specialtyCode: 'pneumology', count: 1 },
      { specialtyCode: 'ophthalmology', count: 1 },
      { specialtyCode: 'emergency_medicine', count: 1 },
    ],
    diagnosticTest: [
      {
        question: [
          '¿Cuál es la meta de HbA1c para la mayoría de los adultos con diabetes tipo 2?',
          'What is the HbA1c target for most adults with type 2 diabetes?',
        ],
        options: [
          ['Menos de 7 %', 'Below 7%'],
          ['Menos de 9 %', 'Below 9%'],
          ['Menos de 5 %', 'Below 5%'],
        ],
      },
      {
        question: [
          '¿Qué fármaco es de primera línea en la diabetes tipo 2 sin contraindicaciones?',
          'Which drug is first line in type 2 diabetes without contraindications?',
        ],
        options: [
          ['Metformina', 'Metformin'],
          ['Glibenclamida', 'Glibenclamide'],
          ['Insulina NPH', 'NPH insulin'],
        ],
      },
      {
        question: [
          '¿Con qué frecuencia se revisa el fondo de ojo en una persona con diabetes?',
          'How often should a person with diabetes have a retinal examination?',
        ],
        options: [
          ['Cada año', 'Every year'],
          ['Cada cinco años', 'Every five years'],
          ['Solo si pierde la vista', 'Only if their sight fails'],
        ],
      },
      {
        question: ['¿Qué prueba confirma el diagnóstico de EPOC?', 'Which test confirms a diagnosis of COPD?'],
        options: [
          ['Espirometría tras broncodilatador', 'Post-bronchodilator spirometry'],
          ['Radiografía de tórax', 'Chest X-ray'],
          ['Biometría hemática', 'Full blood count'],
        ],
      },
    ],
  },
];
