import { useTranslation } from 'react-i18next';

/**
 * How a dataset is prepared, in the page and in the reader's language (it replaces a pointer to a file
 * in the repository, which a clinician in the browser cannot open). The examples are file contents and
 * stay as the files must be written.
 */
export function DatasetGuide() {
  const { t } = useTranslation();
  return (
    <details className="ds-guide" data-testid="ds-guide">
      <summary>{t('ds_guide_title')}</summary>
      <ol>
        <li>{t('ds_guide_folder')}</li>
        <li>{t('ds_guide_table')}</li>
        <li>{t('ds_guide_columns')}</li>
        <li>{t('ds_guide_block')}</li>
      </ol>
      <p>{t('ds_guide_example')}</p>
      <pre className="ds-guide-example">{'scan,patient,diagnosis\nsub-01_T1w.nii.gz,P01,glioma\nsub-02_T1w.nii.gz,P02,healthy\n'}</pre>
      <p>{t('ds_guide_manifest')}</p>
      <pre className="ds-guide-example">{'id,patient,image:t1,label\nsub-01_T1w,P01,sub-01_T1w.nii.gz,glioma\n'}</pre>
      <p className="hint">{t('ds_guide_privacy')}</p>
    </details>
  );
}
