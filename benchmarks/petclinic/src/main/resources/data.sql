INSERT INTO vets (first_name, last_name) VALUES ('Ada', 'Carter'), ('Henri', 'Leary'), ('Lina', 'Douglas'),
  ('Rafael', 'Ortega'), ('Helen', 'Stevens'), ('Sharon', 'Jenkins');
INSERT INTO specialties (name) VALUES ('radiology'), ('surgery'), ('dentistry');
INSERT INTO vet_specialties (vet_id, specialty_id) VALUES (2, 1), (3, 2), (3, 3), (4, 2), (5, 1);
INSERT INTO types (name) VALUES ('cat'), ('dog'), ('lizard'), ('snake'), ('bird'), ('hamster');
INSERT INTO owners (first_name, last_name, address, city, telephone) VALUES
  ('George', 'Frank', '110 W. Liberty St.', 'Madison', '6085551023'),
  ('Betty', 'Davies', '638 Cardinal Ave.', 'Sun Prairie', '6085551749'),
  ('Eduardo', 'Rodrigo', '2693 Commerce St.', 'McFarland', '6085558763'),
  ('Harold', 'Dawson', '563 Friendly St.', 'Windsor', '6085553198'),
  ('Peter', 'McTavish', '2387 S. Fair Way', 'Madison', '6085552765'),
  ('Jean', 'Colemar', '105 N. Lake St.', 'Monona', '6085552654'),
  ('Jeff', 'Blacksmith', '1450 Oak Blvd.', 'Monona', '6085555387'),
  ('Maria', 'Escobedo', '345 Maple St.', 'Madison', '6085557683'),
  ('David', 'Schröder', '2749 Blackhawk Trail', 'Madison', '6085559435'),
  ('Carlos', 'Esteban', '2335 Independence La.', 'Waunakee', '6085555487');
INSERT INTO pets (name, birth_date, type_id, owner_id) VALUES ('Leo', '2020-09-07', 1, 1),
  ('Basil', '2022-08-06', 6, 2), ('Rosy', '2021-04-17', 2, 3), ('Jewel', '2020-03-07', 2, 3),
  ('Iggy', '2020-11-30', 3, 4), ('George', '2020-01-20', 4, 5), ('Samantha', '2022-09-04', 1, 6),
  ('Max', '2022-09-04', 1, 6), ('Lucky', '2021-08-06', 5, 7), ('Mulligan', '2017-02-24', 2, 8),
  ('Freddy', '2020-03-09', 5, 9), ('Lucky', '2020-06-24', 2, 10), ('Sly', '2022-06-08', 1, 10);
INSERT INTO visits (pet_id, visit_date, description) VALUES (7, '2023-03-04', 'rabies shot'),
  (8, '2023-03-04', 'rabies shot'), (8, '2023-06-04', 'neutered'), (7, '2023-09-04', 'spayed'),
  (1, '2024-01-12', 'check-up'), (3, '2024-02-02', 'vaccination');
