/**
 * What each task reads. Shown by `jimu evaluate --help`, so a user can lay out their files without the docs.
 */
export const EVALUATE_HELP = `
Inputs per task (PRED = the predictions, TRUTH = the reference):
  classification  CSV files: an "id" column, then one column per label; probabilities in PRED, 0/1 in TRUTH.
                  Scores: auc_macro, auc (per label, with a seeded 95% bootstrap interval), and the ODIR-5K
                  kappa, f1_micro and odir_score on the flattened cases x labels matrix at --threshold.
  regression      CSV files with columns id,value. Scores: mae, rmse, pearson_r, spearman_gap_age (PAC 2019).
  segmentation    Two NIfTI label maps, or two folders of them matched by file name. Scores: dice and hd95 (mm,
                  as MedPy) per label and per region; --regions brats = whole tumour {1,2,4}, tumour core {1,4},
                  enhancing tumour {4}; brats2021 uses 3 for enhancing tumour.
  dose            PRED: a dose NIfTI (Gy), or a folder of <case>.nii.gz. TRUTH: a case folder, or a folder of
                  <case>/ folders, each holding dose.nii.gz (reference, Gy), possible_dose_mask.nii.gz (else:
                  reference dose > 0), and one mask per structure named after it: PTV*.nii.gz are targets
                  (D_99, D_95, D_1), every other name an organ at risk (D_0.1_cc, mean); ct.nii.gz is ignored.
                  Scores: OpenKBP dose_score and dvh_score.
  detection       Lesion masks (NIfTI files or folders matched by name). Scores (autoPET, 18-connected lesions):
                  dice, false_positive_volume_ml, false_negative_volume_ml, lesion_sensitivity,
                  false_positives_per_case.
\`jimu train\` writes its test-set predictions and their reference in these layouts, as OUT/predictions/<block>[.csv]
and OUT/truth/<block>[.csv], and prints the command that scores them.`;
