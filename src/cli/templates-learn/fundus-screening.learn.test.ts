import { describeTemplateLearns } from '../testing/template-learn';

describeTemplateLearns('fundus-screening.pipeline.json');
