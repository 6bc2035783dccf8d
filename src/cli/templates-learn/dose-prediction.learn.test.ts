import { describeTemplateLearns } from '../testing/template-learn';

describeTemplateLearns('dose-prediction.pipeline.json');
