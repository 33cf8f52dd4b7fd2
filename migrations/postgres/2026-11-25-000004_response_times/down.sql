DROP INDEX threads_first_answer;
DROP TABLE company_response_times;
