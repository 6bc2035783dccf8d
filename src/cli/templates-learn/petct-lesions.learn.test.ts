import { describeTemplateLearns } from '../testing/template-learn';

describeTemplateLearns('petct-lesions.pipeline.json');
