import { describeTemplateLearns } from '../testing/template-learn';

describeTemplateLearns('brain-age.pipeline.json');
