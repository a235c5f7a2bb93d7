# willekeurig.awk — 600 made-up bijzondere-bijstand rows, blanks included, from
# a fixed seed: a caseload where open facts, exceptions, judgements and
# conflicts all occur (see run.sh, "--summary takes a shortcut").
BEGIN {
  FS=";"; srand(7)
  print "id;peildatum;soort_kosten;kosten;netto_maandinkomen;toepasselijke_norm;vermogen;kosten_noodzakelijk;bijzondere_omstandigheden;voorliggende_voorziening;kosten_al_gemaakt;goede_reden_te_laat;acuut;eerder_vergoed;situatie_schrijnend;verwezen_naar_hulp"
  split("bewindvoering inrichting witgoed overig", soort, " ")
  for (r = 1; r <= 600; r++) {
    line = "g" r ";2026-03-02;" soort[int(rand()*4)+1]
    for (k = 0; k < 4; k++) line = line ";" (rand() < 0.15 ? "" : int(rand()*3000))
    for (k = 0; k < 9; k++) { x = rand(); line = line ";" (x < 0.2 ? "" : x < 0.6 ? "ja" : "nee") }
    print line
  }
}
