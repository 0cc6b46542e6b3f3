<?xml version="1.0" encoding="UTF-8"?>
<!-- Pronunciations of medical terms for the narration (W3C Pronunciation Lexicon Specification 1.0).
     Each lexeme gives IPA first (for any engine that reads it) and espeak-ng's own phoneme
     mnemonics (alphabet "x-espeak"), which the default engine uses; an <alias> is a respelling
     any engine can read. Add the drug and condition names of your catalog here. -->
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
         alphabet="ipa" xml:lang="en-US">
  <lexeme>
    <grapheme>leiomyosarcoma</grapheme>
    <phoneme>ˌlaɪoʊˌmaɪoʊsɑːrˈkoʊmə</phoneme>
    <phoneme alphabet="x-espeak">l,aIoUm,aIoUsA@k'oUm@</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>leiomyosarcomas</grapheme>
    <phoneme>ˌlaɪoʊˌmaɪoʊsɑːrˈkoʊməz</phoneme>
    <phoneme alphabet="x-espeak">l,aIoUm,aIoUsA@k'oUm@z</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>doxorubicin</grapheme>
    <phoneme>ˌdɒksəˈruːbɪsɪn</phoneme>
    <phoneme alphabet="x-espeak">d,0ks@r'u:bIsIn</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>gemcitabine</grapheme>
    <phoneme>dʒɛmˈsaɪtəbiːn</phoneme>
    <phoneme alphabet="x-espeak">dZEms'aIt@bi:n</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>docetaxel</grapheme>
    <phoneme>ˌdoʊsəˈtæksəl</phoneme>
    <phoneme alphabet="x-espeak">d,oUs@t'aks@l</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>trabectedin</grapheme>
    <phoneme>trəˈbɛktədɪn</phoneme>
    <phoneme alphabet="x-espeak">tr@b'Ekt@dIn</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>pazopanib</grapheme>
    <phoneme>pəˈzoʊpənɪb</phoneme>
    <phoneme alphabet="x-espeak">p@z'oUp@nIb</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>Orphanet</grapheme>
    <alias>Orpha net</alias>
  </lexeme>
  <lexeme>
    <grapheme>MedlinePlus</grapheme>
    <alias>Medline Plus</alias>
  </lexeme>
  <lexeme>
    <grapheme>GARD</grapheme>
    <alias>gard</alias>
  </lexeme>
</lexicon>
