"""Vocabulary for synthetic conditions: names, body parts, symptoms, sentences (all invented)."""

from __future__ import annotations

PREFIXES = ("Hypo", "Hyper", "Dys", "Poly", "Oligo", "Neuro", "Cardio", "Osteo", "Myo", "Hepato", "Nephro",
            "Derm", "Leuko", "Erythro", "Chondro", "Angio", "Lipo", "Fibro", "Spondylo", "Cranio")
ROOTS = ("plasia", "trophy", "pathy", "myelia", "genesis", "dactyly", "kinesia", "tonia", "ostosis", "cytosis",
         "lipidosis", "ectasia", "sarcoma", "dermia", "phagia", "glycemia")
EPONYMS = ("Aldren", "Brightwater", "Castell", "Dunmore", "Eskildsen", "Farrow", "Galindo", "Haverford", "Ishikawa",
           "Jansky", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okonkwo", "Petrov", "Quintero", "Rasmussen",
           "Szabo", "Tanaka", "Umarov", "Vasquez", "Whitcombe", "Yilmaz", "Zielinski")
KINDS = ("syndrome", "disease", "disorder", "deficiency", "dysplasia", "myopathy", "neuropathy", "anemia")
QUALIFIERS = ("Familial", "Congenital", "Juvenile", "Adult-onset", "Hereditary", "Progressive", "Early-onset")
ORGANS = ("heart", "liver", "kidneys", "lungs", "skin", "bones", "muscles", "eyes", "nerves", "blood vessels",
          "joints", "brain", "spinal cord", "digestive tract", "immune system", "thyroid")
SYMPTOMS = ("tiredness (fatigue)", "muscle weakness", "joint pain", "frequent infections", "poor growth",
            "shortness of breath", "seizures", "hearing loss", "vision problems", "easy bruising", "skin rashes",
            "delayed speech", "stomach pain", "an enlarged liver", "a fast heartbeat", "curved spine (scoliosis)",
            "low blood sugar", "swelling in the legs", "trouble swallowing", "learning difficulties")
SYMPTOM_DETAILS = ("often mild at first", "may come and go", "can start at any age", "usually worse with illness",
                   "may need treatment of its own")
FREQUENCIES = (("Very frequent", "80–99%"), ("Frequent", "30–79%"), ("Occasional", "5–29%"), ("Rare", "1–4%"))
GENES = ("ABCD4", "COL9A2", "FBN3", "GLB2", "KCNQ6", "LMNB3", "MYH15", "NPHS4", "PEX27", "SLC52A4", "TTN2", "ZFP91")
INHERITANCE = ("autosomal dominant", "autosomal recessive", "X-linked", "mitochondrial")
TREATMENTS = ("physical therapy", "medicine to control pain", "a special diet", "enzyme replacement therapy",
              "surgery to correct bone problems", "hearing aids", "regular heart check-ups", "speech therapy",
              "medicine to prevent seizures", "breathing support at night")
SPECIALISTS = ("a geneticist", "a neurologist", "a cardiologist", "a physical therapist", "a dietitian",
               "a genetic counselor", "an eye doctor (ophthalmologist)", "a kidney doctor (nephrologist)")
ORGANISATIONS = (
    ("MedlinePlus", "https://medlineplus.gov/", "explains health topics in plain language."),
    ("Orphanet", "https://www.orpha.net/", "lists expert centres and laboratories across Europe."),
    ("ClinicalTrials.gov", "https://clinicaltrials.gov/", "lists studies that are looking for volunteers."),
    ("National Organization for Rare Disorders (NORD)", "https://rarediseases.org/",
     "has reports for patients and families and runs assistance programs."),
    ("Genetic Alliance", "https://geneticalliance.org/", "connects families with support groups."),
    ("Global Genes", "https://globalgenes.org/", "offers toolkits for people living with rare diseases."),
    ("Genetic Testing Registry", "https://www.ncbi.nlm.nih.gov/gtr/",
     "lists laboratories that offer genetic tests and what each test looks for."),
    ("MedGen", "https://www.ncbi.nlm.nih.gov/medgen/", "gathers medical genetics information in one place."),
)
JOURNALS = ("Journal of Rare Conditions", "Orphan Research Letters", "Clinical Genetics Review",
            "Annals of Inherited Disease", "Pediatric Medicine Today")
AUTHORS = ("Abara K", "Bianchi L", "Chen Y", "Dubois M", "Evans R", "Fischer T", "García P", "Hansen J", "Ito S",
           "Jones A", "Kim H", "López M", "Müller F", "Nowak E", "Osei B", "Patel R", "Rossi G", "Silva C")

# Sentence templates; {name}, {organ}, {symptom}, {gene}, {inheritance}, {treatment} and {specialist} are filled in.
SUMMARY = (
    "{name} is a rare condition that mainly affects the {organ}.",
    "Signs usually appear in childhood, but some people are not diagnosed until adult life.",
    "The most common signs are {symptom} and {symptom2}.",
    "It is caused by changes in the {gene} gene and is inherited in an {inheritance} pattern.",
    "There is no cure yet, but treatment can ease symptoms and help people stay active.",
)
GENERAL = (
    "Symptoms can be very different from one person to the next, even in the same family.",
    "Some people have only mild signs and are diagnosed by chance.",
    "Others need care from several specialists from an early age.",
    "Doctors look at the whole picture: the symptoms, a physical exam and test results.",
    "The condition can change over time, so regular check-ups matter.",
    "Researchers are still learning how the gene change leads to the symptoms.",
    "Families often find it helpful to keep a diary of symptoms to share with their doctor.",
    "Talk with your healthcare team before you start or stop any treatment.",
)
ORGAN_SENTENCES = (
    "In many people the {organ} works less well than usual.",
    "Problems with the {organ} may lead to {symptom}.",
    "A doctor may check the {organ} with an ultrasound or blood tests.",
    "{specialist} can help with problems of the {organ}.",
)
TREATMENT_SENTENCES = (
    "Treatment depends on which symptoms a person has.",
    "Many people benefit from {treatment}.",
    "Care is usually shared by a team that may include {specialist}.",
    "Some people also need {treatment}.",
)
