import { describeTemplateLearns } from '../testing/template-learn';

describeTemplateLearns('glioma-segmentation.pipeline.json');
